; Khách Quen for Windows: a per-user installer (no administrator rights), built on Linux with
; Debian's makensis by scripts/package.sh. Not Tauri's own NSIS template: that one needs the
; nsis_tauri_utils plugin and the WebView2 bootstrapper downloaded from GitHub and Microsoft at
; build time, which the build machines cannot reach. The registry keys and folders are the ones
; Tauri's template uses, so a later Tauri-built installer upgrades this one in place.
;
; makensis -DVERSION=0.1.0 -DAPP_EXE=…/khachquen-app.exe -DLOADER_DLL=…/WebView2Loader.dll
;          -DICON=…/icon.ico -DOUTFILE=…/KhachQuen_0.1.0_x64-setup.exe
;          [-DWEBVIEW2_BOOTSTRAPPER=…/MicrosoftEdgeWebview2Setup.exe] installer.nsi

Unicode true
; The app is x64 only; a 64-bit installer also runs under wine64 in the tests.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "VERSION must be defined: see scripts/package.sh"
!endif
!ifndef APP_EXE
  !error "APP_EXE must be defined: see scripts/package.sh"
!endif
!ifndef LOADER_DLL
  !error "LOADER_DLL must be defined: see scripts/package.sh"
!endif
!ifndef ICON
  !error "ICON must be defined: see scripts/package.sh"
!endif
!ifndef OUTFILE
  !error "OUTFILE must be defined: see scripts/package.sh"
!endif

!define PRODUCTNAME "Khách Quen"
!define MANUFACTURER "Khách Quen"
!define IDENTIFIER "vn.khachquen.app"
!define MAINEXE "khachquen-app.exe"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCTNAME}"
!define MANUPRODUCTKEY "Software\${MANUFACTURER}\${PRODUCTNAME}"
; The Evergreen WebView2 runtime's client id (per machine or per user).
!define WEBVIEW2_CLIENT "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_URL "https://go.microsoft.com/fwlink/p/?LinkId=2124703"

Name "${PRODUCTNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\${PRODUCTNAME}"
InstallDirRegKey HKCU "${MANUPRODUCTKEY}" ""
BrandingText "${PRODUCTNAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCTNAME}"
VIAddVersionKey /LANG=0 "FileDescription" "Cài đặt ${PRODUCTNAME}"
VIAddVersionKey /LANG=0 "CompanyName" "${MANUFACTURER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "© 2026 ${MANUFACTURER}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${MAINEXE}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(KeepData)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the fallback when Windows runs in neither.
!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

LangString AppRunning ${LANG_VIETNAMESE} "Khách Quen đang chạy (có thể đang ẩn dưới khay đồng hồ). Hãy thoát Khách Quen rồi bấm Thử lại."
LangString AppRunning ${LANG_ENGLISH} "Khách Quen is running (it may be hidden in the tray by the clock). Quit Khách Quen, then press Retry."
LangString NoWebView2 ${LANG_VIETNAMESE} "Máy này chưa có Microsoft Edge WebView2 Runtime, thứ Khách Quen cần để hiện cửa sổ. Windows 10 và 11 thường đã có sẵn.$\r$\n$\r$\nHãy tải và cài bản miễn phí của Microsoft tại:$\r$\n${WEBVIEW2_URL}$\r$\n$\r$\nMở trang tải ngay bây giờ?"
LangString NoWebView2 ${LANG_ENGLISH} "This computer does not have the Microsoft Edge WebView2 Runtime, which Khách Quen needs to show its window. Windows 10 and 11 usually have it.$\r$\n$\r$\nDownload and install Microsoft's free runtime from:$\r$\n${WEBVIEW2_URL}$\r$\n$\r$\nOpen the download page now?"
LangString KeepData ${LANG_VIETNAMESE} "Gỡ chương trình Khách Quen khỏi máy. Dữ liệu của cửa hàng (khách hàng, bản sao lưu) trong $APPDATA\${IDENTIFIER} được giữ nguyên; cài lại sẽ dùng tiếp."
LangString KeepData ${LANG_ENGLISH} "Removes the Khách Quen program. The shop's data (customers, backups) in $APPDATA\${IDENTIFIER} is kept; installing again carries on with it."

Function .onInit
  ; Per-user install: the uninstall entry and shortcuts belong to this account.
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

; Files of a running app cannot be replaced on Windows: ask the user to quit it (it may be
; hidden in the tray) instead of failing half-way through.
!macro WAIT_UNTIL_CLOSED
  ${Do}
    ClearErrors
    ${If} ${FileExists} "$INSTDIR\${MAINEXE}"
      Delete "$INSTDIR\${MAINEXE}"
    ${EndIf}
    ${IfNot} ${Errors}
      ${Break}
    ${EndIf}
    IfSilent 0 +2
      Abort
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(AppRunning)" IDRETRY +2
      Abort
  ${Loop}
!macroend

Function CheckWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    Return
  ${EndIf}
!ifdef WEBVIEW2_BOOTSTRAPPER
  ; Microsoft's small bootstrapper fetches and installs the runtime itself.
  File "/oname=$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" "${WEBVIEW2_BOOTSTRAPPER}"
  ExecWait '"$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" /silent /install' $1
  ${If} $1 == 0
    Return
  ${EndIf}
!endif
  IfSilent done
  MessageBox MB_YESNO|MB_ICONINFORMATION "$(NoWebView2)" IDNO done
  ExecShell "open" "${WEBVIEW2_URL}"
  done:
FunctionEnd

Section "Install"
  SetOutPath "$INSTDIR"
  InitPluginsDir
  !insertmacro WAIT_UNTIL_CLOSED
  File "/oname=${MAINEXE}" "${APP_EXE}"
  ; Built with the GNU toolchain, the app loads WebView2 through this DLL next to it.
  File "/oname=WebView2Loader.dll" "${LOADER_DLL}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${PRODUCTNAME}.lnk" "$INSTDIR\${MAINEXE}"
  CreateShortCut "$DESKTOP\${PRODUCTNAME}.lnk" "$INSTDIR\${MAINEXE}"

  WriteRegStr HKCU "${MANUPRODUCTKEY}" "" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${PRODUCTNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$\"$INSTDIR\${MAINEXE}$\""
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${MANUFACTURER}"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$\"$INSTDIR$\""
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" "$\"$INSTDIR\uninstall.exe$\" /S"
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1

  Call CheckWebView2
SectionEnd

Section "Uninstall"
  !insertmacro WAIT_UNTIL_CLOSED
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCTNAME}.lnk"
  Delete "$DESKTOP\${PRODUCTNAME}.lnk"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey /ifempty HKCU "${MANUPRODUCTKEY}"
  ; The shop's data in $APPDATA\${IDENTIFIER} is deliberately left alone: see KeepData.
SectionEnd
