"""The app's counter window as the X server sees it, and the × a person would click: shared by
the tray tests and the idle-CPU benchmark. libX11 through ctypes (GTK already needs it), so no
package beyond those the app runs on.

A window manager answers a click on × by sending the window a WM_DELETE_WINDOW client message;
GTK turns it into the close request the app may intercept. Xvfb runs no window manager, so this
sends that message itself."""
import ctypes
import ctypes.util


class XWindowAttributes(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int), ("height", ctypes.c_int),
        ("border_width", ctypes.c_int), ("depth", ctypes.c_int), ("visual", ctypes.c_void_p),
        ("root", ctypes.c_ulong), ("c_class", ctypes.c_int), ("bit_gravity", ctypes.c_int),
        ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int),
        ("backing_planes", ctypes.c_ulong), ("backing_pixel", ctypes.c_ulong),
        ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong), ("map_installed", ctypes.c_int),
        ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p),
    ]


class XClientMessageEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int), ("data", ctypes.c_long * 5),
    ]


class XEvent(ctypes.Union):
    _fields_ = [("xclient", XClientMessageEvent), ("pad", ctypes.c_long * 24)]


class XClassHint(ctypes.Structure):
    _fields_ = [("res_name", ctypes.c_char_p), ("res_class", ctypes.c_char_p)]


CLIENT_MESSAGE, IS_VIEWABLE = 33, 2


class X:
    def __init__(self, app_name: str = "khachquen-app"):
        self.app_name = app_name
        self.lib = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
        self.lib.XOpenDisplay.restype = ctypes.c_void_p
        self.lib.XDefaultRootWindow.restype = ctypes.c_ulong
        self.lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.lib.XInternAtom.restype = ctypes.c_ulong
        self.lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        self.lib.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong] + [ctypes.c_void_p] * 4
        self.lib.XGetClassHint.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p]
        self.lib.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p]
        self.lib.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
        self.lib.XFlush.argtypes = [ctypes.c_void_p]
        self.dpy = self.lib.XOpenDisplay(None)
        assert self.dpy, "no X display (run under xvfb-run)"

    def app_windows(self):
        """The app's top-level windows with their map state (the counter window among them)."""
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children, n = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
        self.lib.XQueryTree(self.dpy, self.lib.XDefaultRootWindow(self.dpy), ctypes.byref(root),
                            ctypes.byref(parent), ctypes.byref(children), ctypes.byref(n))
        out = []
        for i in range(n.value):
            w, hint, attrs = children[i], XClassHint(), XWindowAttributes()
            if not self.lib.XGetClassHint(self.dpy, w, ctypes.byref(hint)):
                continue
            if (hint.res_name or b"").decode() != self.app_name:
                continue
            self.lib.XGetWindowAttributes(self.dpy, w, ctypes.byref(attrs))
            out.append((w, attrs.map_state, attrs.width, attrs.height))
        return out

    def counter_window(self):
        """The counter window: the app's one large top-level (GTK's leader window is 1×1)."""
        wins = [w for w in self.app_windows() if w[2] > 100 and w[3] > 100]
        assert len(wins) == 1, f"one counter window, found {self.app_windows()}"
        return wins[0]

    def shown(self) -> bool:
        return self.counter_window()[1] == IS_VIEWABLE

    def close(self):
        """What the × does: WM_DELETE_WINDOW to the window, as a window manager sends it."""
        w = self.counter_window()[0]
        ev = XEvent()
        ev.xclient.type = CLIENT_MESSAGE
        ev.xclient.window = w
        ev.xclient.message_type = self.lib.XInternAtom(self.dpy, b"WM_PROTOCOLS", False)
        ev.xclient.format = 32
        ev.xclient.data[0] = self.lib.XInternAtom(self.dpy, b"WM_DELETE_WINDOW", False)
        ev.xclient.data[1] = 0  # CurrentTime
        assert self.lib.XSendEvent(self.dpy, w, False, 0, ctypes.byref(ev))
        self.lib.XFlush(self.dpy)
