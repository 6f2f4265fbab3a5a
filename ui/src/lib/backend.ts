// The only module that talks to the Tauri shell. Components call these typed functions; tests
// mock this one module.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { Cell } from './bindings/Cell';
import type { HomeStore } from './bindings/HomeStore';
import type { StaffStores } from './bindings/StaffStores';
import type { Briefing } from './bindings/Briefing';
import type { TimelinePage } from './bindings/TimelinePage';
import type { ContactChoice } from './bindings/ContactChoice';
import type { ContactPick } from './bindings/ContactPick';
import type { TimelineQuery } from './bindings/TimelineQuery';
import type { CareProfile } from './bindings/CareProfile';
import type { CareRule } from './bindings/CareRule';
import type { CareSettings } from './bindings/CareSettings';
import type { DesktopSettings } from './bindings/DesktopSettings';
import type { CustomerCare } from './bindings/CustomerCare';
import type { Locale as TemplateLocale } from './bindings/Locale';
import type { ManualDraft } from './bindings/ManualDraft';
import type { OutcomeDraft } from './bindings/OutcomeDraft';
import type { OutcomeResult } from './bindings/OutcomeResult';
import type { PreparedMessage } from './bindings/PreparedMessage';
import type { Preview } from './bindings/Preview';
import type { QueueFilter } from './bindings/QueueFilter';
import type { ReminderView } from './bindings/ReminderView';
import type { RuleKind } from './bindings/RuleKind';
import type { Template } from './bindings/Template';
import type { Templates } from './bindings/Templates';
import type { TodayQueue } from './bindings/TodayQueue';
import type { AppInfo } from './bindings/AppInfo';
import type { CustomerCard } from './bindings/CustomerCard';
import type { CustomerDraft } from './bindings/CustomerDraft';
import type { DraftCheck } from './bindings/DraftCheck';
import type { ErrorPayload } from './bindings/ErrorPayload';
import type { Preference } from './bindings/Preference';
import type { PreferenceDraft } from './bindings/PreferenceDraft';
import type { SearchOptions } from './bindings/SearchOptions';
import type { SearchResult } from './bindings/SearchResult';
import type { AfterSales } from './bindings/AfterSales';
import type { ClaimDraft } from './bindings/ClaimDraft';
import type { ClaimSummary } from './bindings/ClaimSummary';
import type { ClaimView } from './bindings/ClaimView';
import type { Policy } from './bindings/Policy';
import type { PolicyTerms } from './bindings/PolicyTerms';
import type { Product } from './bindings/Product';
import type { ProductDraft } from './bindings/ProductDraft';
import type { PurchaseDraft } from './bindings/PurchaseDraft';
import type { PurchaseView } from './bindings/PurchaseView';
import type { UnitView } from './bindings/UnitView';
import type { ReturnCheck } from './bindings/ReturnCheck';
import type { ReturnDraft } from './bindings/ReturnDraft';
import type { ReturnPreview } from './bindings/ReturnPreview';
import type { ReturnView } from './bindings/ReturnView';
import type { SalesHits } from './bindings/SalesHits';
import type { ShopSettings } from './bindings/ShopSettings';
import type { TransitionDraft } from './bindings/TransitionDraft';
import type { LoanDraft } from './bindings/LoanDraft';
import type { CampaignDraft } from './bindings/CampaignDraft';
import type { CampaignResult } from './bindings/CampaignResult';
import type { ComplaintDraft } from './bindings/ComplaintDraft';
import type { ComplaintEdit } from './bindings/ComplaintEdit';
import type { ComplaintFilter } from './bindings/ComplaintFilter';
import type { ComplaintTransition } from './bindings/ComplaintTransition';
import type { ComplaintView } from './bindings/ComplaintView';
import type { Dashboard } from './bindings/Dashboard';
import type { FeedbackDraft } from './bindings/FeedbackDraft';
import type { FeedbackResult } from './bindings/FeedbackResult';
import type { GoodwillDraft } from './bindings/GoodwillDraft';
import type { Approval } from './bindings/Approval';
import type { Approver } from './bindings/Approver';
import type { InteractionDraft } from './bindings/InteractionDraft';
import type { InteractionView } from './bindings/InteractionView';
import type { PeriodInput } from './bindings/PeriodInput';
import type { PromiseClose } from './bindings/PromiseClose';
import type { PromiseDraft } from './bindings/PromiseDraft';
import type { PromiseView } from './bindings/PromiseView';
import type { ResponseDraft } from './bindings/ResponseDraft';
import type { SegmentKind } from './bindings/SegmentKind';
import type { SegmentView } from './bindings/SegmentView';
import type { ServiceSettings } from './bindings/ServiceSettings';
import type { BackupFile } from './bindings/BackupFile';
import type { BackupInfo } from './bindings/BackupInfo';
import type { ChainStatus } from './bindings/ChainStatus';
import type { Actor } from './bindings/Actor';
import type { AuditFilter } from './bindings/AuditFilter';
import type { AuditPage } from './bindings/AuditPage';
import type { Permission } from './bindings/Permission';
import type { Role } from './bindings/Role';
import type { SessionState } from './bindings/SessionState';
import type { StaffDraft } from './bindings/StaffDraft';
import type { StaffView } from './bindings/StaffView';
import type { CommitMode } from './bindings/CommitMode';
import type { ImportBatch } from './bindings/ImportBatch';
import type { ImportPlan } from './bindings/ImportPlan';
import type { ImportReport } from './bindings/ImportReport';
import type { Inspection } from './bindings/Inspection';
import type { Mapping } from './bindings/Mapping';
import type { Preset } from './bindings/Preset';
import type { Table } from './bindings/Table';
import type { ConsentDraft } from './bindings/ConsentDraft';
import type { ConsentState } from './bindings/ConsentState';
import type { RequestDraft } from './bindings/RequestDraft';
import type { RequestUpdate } from './bindings/RequestUpdate';
import type { RequestView } from './bindings/RequestView';
import type { SubjectCopy } from './bindings/SubjectCopy';
// Issue 18: the duplicate finder and the merge screen.
import type { DuplicateScan } from './bindings/DuplicateScan';
import type { MergeChoice } from './bindings/MergeChoice';
import type { AdjustDraft } from './bindings/AdjustDraft';
import type { LedgerLine } from './bindings/LedgerLine';
import type { LoyaltySummary } from './bindings/LoyaltySummary';
import type { PointsRules } from './bindings/PointsRules';
import type { Settlement } from './bindings/Settlement';
import type { Tier } from './bindings/Tier';
// Issue 17, loyreport: the loyalty report.
import type { LoyaltyReport } from './bindings/LoyaltyReport';
// Issue 17: vouchers and what customers owe.
import type { VoucherDraft } from './bindings/VoucherDraft';
import type { VoucherView } from './bindings/VoucherView';
import type { VoucherUse } from './bindings/VoucherUse';
import type { VoucherSettings } from './bindings/VoucherSettings';
import type { DebtAccount } from './bindings/DebtAccount';
import type { PaymentDraft } from './bindings/PaymentDraft';
import type { OpenDebts } from './bindings/OpenDebts';
import type { DebtSettings } from './bindings/DebtSettings';

/** A failed command: `payload.code` is what the UI translates. */
export class BackendError extends Error {
  constructor(public readonly payload: ErrorPayload) {
    super(payload.message);
  }
}

function isPayload(e: unknown): e is ErrorPayload {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

let onSignedOut: () => void = () => {};

/** Called whenever a command finds no one signed in (the counter locked itself): the app shows
 * the lock screen, keeping what was on screen underneath. */
export function setSignedOutHandler(f: () => void): void {
  onSignedOut = f;
}

async function call<T>(
  command: string,
  args: Record<string, unknown> | Uint8Array = {},
  headers?: Record<string, string>,
): Promise<T> {
  try {
    return await invoke<T>(command, args, headers ? { headers } : undefined);
  } catch (e) {
    if (isPayload(e)) {
      if (e.code === 'signed_out') onSignedOut();
      throw new BackendError({
        ...e,
        fields: e.fields ?? [],
        duplicates: e.duplicates ?? [],
        serial_conflicts: e.serial_conflicts ?? [],
        detail: e.detail ?? null,
      });
    }
    throw new BackendError({
      code: 'ipc',
      message: String(e),
      fields: [],
      duplicates: [],
      serial_conflicts: [],
      detail: null,
    });
  }
}

export const backend = {
  appInfo: () => call<AppInfo>('app_info'),
  searchCustomers: (query: string, options: SearchOptions) =>
    call<SearchResult>('search_customers', { query, options }),
  getCustomer: (id: number) => call<CustomerCard>('get_customer', { id }),
  checkCustomer: (draft: CustomerDraft, editing: number | null) =>
    call<DraftCheck>('check_customer', { draft, editing }),
  createCustomer: (draft: CustomerDraft) => call<CustomerCard>('create_customer', { draft }),
  updateCustomer: (id: number, draft: CustomerDraft) =>
    call<CustomerCard>('update_customer', { id, draft }),
  archiveCustomer: (id: number) => call<CustomerCard>('archive_customer', { id }),
  restoreCustomer: (id: number) => call<CustomerCard>('restore_customer', { id }),
  addPreference: (customerId: number, draft: PreferenceDraft) =>
    call<Preference>('add_preference', { customerId, draft }),
  updatePreference: (id: number, draft: PreferenceDraft) =>
    call<Preference>('update_preference', { id, draft }),
  removePreference: (id: number) => call<null>('remove_preference', { id }),
  loadDemo: (customers: number) => call<number>('load_demo', { customers }),
  lookupSales: (query: string) => call<SalesHits>('lookup_sales', { query }),
  customerAfterSales: (id: number) => call<AfterSales>('customer_after_sales', { id }),
  findProducts: (query: string) => call<Product[]>('find_products', { query }),
  productCatalogue: (query: string) => call<Product[]>('product_catalogue', { query }),
  getProduct: (id: number) => call<Product>('get_product', { id }),
  archiveProduct: (id: number, archived: boolean) =>
    call<Product>('archive_product', { id, archived }),
  updatePurchase: (id: number, draft: PurchaseDraft) =>
    call<PurchaseView>('update_purchase', { id, draft }),
  saveProduct: (id: number | null, draft: ProductDraft) =>
    call<Product>('save_product', { id, draft }),
  listPolicies: () => call<Policy[]>('list_policies'),
  savePolicy: (id: number | null, terms: PolicyTerms) => call<Policy>('save_policy', { id, terms }),
  createPurchase: (draft: PurchaseDraft) => call<PurchaseView>('create_purchase', { draft }),
  voidPurchase: (id: number, reason: string) => call<PurchaseView>('void_purchase', { id, reason }),
  getUnit: (id: number) => call<UnitView>('get_unit', { id }),
  getPurchase: (id: number) => call<PurchaseView>('get_purchase', { id }),
  openClaim: (draft: ClaimDraft) => call<ClaimView>('open_claim', { draft }),
  transitionClaim: (id: number, draft: TransitionDraft) =>
    call<ClaimView>('transition_claim', { id, draft }),
  getClaim: (id: number) => call<ClaimView>('get_claim', { id }),
  claimBoard: () => call<ClaimSummary[]>('claim_board'),
  // Issue 15: two stores moved a claim while apart; staff saw it.
  acknowledgeClaimConflict: (id: number) => call<ClaimView>('acknowledge_claim_conflict', { id }),
  previewReturn: (
    lineId: number,
    unitId: number | null,
    check: ReturnCheck,
    returnedOn: string,
    quantity: number,
  ) => call<ReturnPreview>('preview_return', { lineId, unitId, check, returnedOn, quantity }),
  getReturn: (id: number) => call<ReturnView>('get_return', { id }),
  getSettings: () => call<ShopSettings>('get_settings'),
  saveSettings: (settings: ShopSettings) => call<ShopSettings>('save_settings', { settings }),
  printPage: () => call<null>('print_page'),
  /** Amounts as typed, read by the core's money rule: one answer (null: unreadable) per input. */
  parseMoney: (inputs: string[]) => call<(number | null)[]>('parse_money', { inputs }),
  careToday: (filter: QueueFilter) => call<TodayQueue>('care_today', { filter }),
  customerCare: (id: number) => call<CustomerCare>('customer_care', { id }),
  saveCareProfile: (id: number, profile: CareProfile) =>
    call<CareProfile>('save_care_profile', { id, profile }),
  createReminder: (draft: ManualDraft) => call<ReminderView>('create_reminder', { draft }),
  recordOutcome: (id: number, draft: OutcomeDraft) =>
    call<OutcomeResult>('record_outcome', { id, draft }),
  dismissReminder: (id: number) => call<ReminderView>('dismiss_reminder', { id }),
  prepareMessage: (id: number, locale: TemplateLocale) =>
    call<PreparedMessage>('prepare_message', { id, locale }),
  openContact: (id: number, via: 'zalo' | 'tel') => call<null>('open_contact', { id, via }),
  careRules: () => call<CareRule[]>('care_rules'),
  saveCareRule: (rule: CareRule) => call<CareRule>('save_care_rule', { rule }),
  resetCareRule: (kind: RuleKind) => call<CareRule>('reset_care_rule', { kind }),
  messageTemplates: () => call<Templates>('message_templates'),
  saveTemplate: (template: Template) => call<Template>('save_template', { template }),
  resetTemplate: (kind: RuleKind, locale: TemplateLocale) =>
    call<Template>('reset_template', { kind, locale }),
  previewTemplate: (body: string, kind: RuleKind) =>
    call<Preview>('preview_template', { body, kind }),
  careSettings: () => call<CareSettings>('care_settings'),
  saveCareSettings: (settings: CareSettings) =>
    call<CareSettings>('save_care_settings', { settings }),
  setUiLocale: (locale: string) => call<null>('set_ui_locale', { locale }),
  logInteraction: (draft: InteractionDraft) => call<InteractionView>('log_interaction', { draft }),
  openComplaint: (draft: ComplaintDraft) => call<ComplaintView>('open_complaint', { draft }),
  complaints: (filter: ComplaintFilter) => call<ComplaintView[]>('complaints', { filter }),
  getComplaint: (id: number) => call<ComplaintView>('get_complaint', { id }),
  respondComplaint: (id: number, draft: ResponseDraft) =>
    call<ComplaintView>('respond_complaint', { id, draft }),
  transitionComplaint: (id: number, draft: ComplaintTransition) =>
    call<ComplaintView>('transition_complaint', { id, draft }),
  editComplaint: (id: number, draft: ComplaintEdit) =>
    call<ComplaintView>('edit_complaint', { id, draft }),
  recordFeedback: (draft: FeedbackDraft) => call<FeedbackResult>('record_feedback', { draft }),
  createPromise: (draft: PromiseDraft) => call<PromiseView>('create_promise', { draft }),
  closePromise: (id: number, draft: PromiseClose) =>
    call<PromiseView>('close_promise', { id, draft }),
  serviceSettings: () => call<ServiceSettings>('service_settings'),
  saveServiceSettings: (settings: ServiceSettings) =>
    call<ServiceSettings>('save_service_settings', { settings }),
  dashboard: (period: PeriodInput, store: string | null = null) =>
    call<Dashboard>('dashboard', { period, store }),
  segment: (kind: SegmentKind, store: string | null = null) =>
    call<SegmentView>('segment', { kind, store }),
  exportSegment: (kind: SegmentKind, headers: string[], store: string | null = null) =>
    call<string>('export_segment', { kind, headers, store }),
  saveExport: (name: string, rows: Cell[][]) => call<string>('save_export', { name, rows }),
  saveExportXlsx: (name: string, rows: Cell[][]) =>
    call<string>('save_export_xlsx', { name, rows }),
  createCampaign: (draft: CampaignDraft) => call<CampaignResult>('create_campaign', { draft }),
  backupInfo: () => call<BackupInfo>('backup_info'),
  setBackupFolder: (dir: string) => call<BackupInfo>('set_backup_folder', { dir }),
  backupNow: () => call<BackupFile>('backup_now'),
  setBackupPassphrase: (passphrase: string) =>
    call<BackupInfo>('set_backup_passphrase', { passphrase }),
  setExportsRetention: (days: number) => call<BackupInfo>('set_exports_retention', { days }),
  /** An encrypted backup needs its passphrase; a plain one takes none. */
  restoreBackup: (path: string, passphrase: string | null = null) =>
    call<string>('restore_backup', { path, passphrase }),
  sessionState: () => call<SessionState>('session_state'),
  createOwner: (name: string, pin: string) => call<Actor>('create_owner', { name, pin }),
  signIn: (id: number, pin: string) => call<Actor>('sign_in', { id, pin }),
  signOut: () => call<null>('sign_out'),
  changePin: (oldPin: string, newPin: string) => call<Actor>('change_pin', { oldPin, newPin }),
  unlockStaff: (id: number) => call<StaffView>('unlock_staff', { id }),
  listStaff: () => call<StaffView[]>('list_staff'),
  saveStaff: (id: number | null, draft: StaffDraft) => call<StaffView>('save_staff', { id, draft }),
  rolePermissions: () => call<[Role, Permission[]][]>('role_permissions'),
  setRolePermissions: (role: Role, permissions: Permission[]) =>
    call<Permission[]>('set_role_permissions', { role, permissions }),
  setIdleMinutes: (minutes: number) => call<number>('set_idle_minutes', { minutes }),
  // Issue 15, who does what in a chain.
  homeStore: (customerId: number) => call<HomeStore>('home_store', { customerId }),
  setHomeStore: (customerId: number, store: string) =>
    call<HomeStore>('set_home_store', { customerId, store }),
  staffStores: () => call<StaffStores>('staff_stores'),
  setStaffStores: (id: number, stores: string[]) =>
    call<StaffStores>('set_staff_stores', { id, stores }),
  auditLog: (filter: AuditFilter) => call<AuditPage>('audit_log', { filter }),
  revealPhones: (id: number, reason: 'view' | 'edit') =>
    call<CustomerCard>('reveal_phones', { id, reason }),
  /** Sends the chosen file's bytes once; later steps work on the staged copy. */
  stageImport: (name: string, bytes: Uint8Array) =>
    call<Inspection>('stage_import', bytes, { 'x-file-name': encodeURIComponent(name) }),
  importDryRun: (mapping: Mapping) => call<ImportPlan>('import_dry_run', { mapping }),
  importCommit: (mapping: Mapping, mode: CommitMode) =>
    call<ImportReport>('import_commit', { mapping, mode }),
  lastImport: () => call<ImportBatch | null>('last_import'),
  undoImport: () => call<ImportBatch>('undo_import'),
  importPresets: () => call<Preset[]>('import_presets'),
  saveImportPreset: (name: string, headers: string[], mapping: Mapping) =>
    call<null>('save_import_preset', { name, headers, mapping }),
  deleteImportPreset: (name: string) => call<null>('delete_import_preset', { name }),
  exportTable: (table: Table, xlsx: boolean, headers: string[]) =>
    call<string>('export_table', { table, xlsx, headers }),
  customerConsents: (id: number) => call<ConsentState[]>('customer_consents', { id }),
  recordConsent: (id: number, draft: ConsentDraft) =>
    call<ConsentState[]>('record_consent', { id, draft }),
  consentText: () => call<[string, string]>('consent_text'),
  dataRequests: (id: number | null) => call<RequestView[]>('data_requests', { id }),
  createDataRequest: (id: number, draft: RequestDraft) =>
    call<RequestView>('create_data_request', { id, draft }),
  updateDataRequest: (id: number, update: RequestUpdate) =>
    call<RequestView>('update_data_request', { id, update }),
  subjectCopy: (id: number) => call<{ path: string; copy: SubjectCopy }>('subject_copy', { id }),
  setRestricted: (id: number, on: boolean) => call<null>('set_restricted', { id, on }),
  eraseCustomer: (id: number) => call<null>('erase_customer', { id }),
  // Return policies (settings).
  archivePolicy: (id: number, archived: boolean) =>
    call<Policy>('archive_policy', { id, archived }),
  // Manager approval at the counter (issue 18).
  approvers: (permission: Permission) => call<Approver[]>('approvers', { permission }),
  recordReturnApproved: (draft: ReturnDraft, approval: Approval | null) =>
    call<ReturnView>('record_return_approved', { draft, approval }),
  addGoodwillApproved: (id: number, draft: GoodwillDraft, approval: Approval | null) =>
    call<ComplaintView>('add_goodwill_approved', { id, draft, approval }),
  // Issue 18: the duplicate finder and the merge screen.
  findDuplicates: (limit: number) => call<DuplicateScan>('find_duplicates', { limit }),
  importDuplicates: () => call<DuplicateScan>('import_duplicates'),
  mergeCustomersWith: (keep: number, from: number, choices: MergeChoice[]) =>
    call<CustomerCard>('merge_customers_with', { keep, from, choices }),
  dismissDuplicate: (a: number, b: number) => call<null>('dismiss_duplicate', { a, b }),
  // The card (issue 18).
  customerBriefing: (id: number) => call<Briefing>('customer_briefing', { id }),
  customerTimeline: (id: number, query: TimelineQuery) =>
    call<TimelinePage>('customer_timeline', { id, query }),
  acknowledgeAlert: (preferenceId: number, version: string) =>
    call<Briefing>('acknowledge_alert', { preferenceId, version }),
  setCustomerLanguage: (id: number, locale: TemplateLocale) =>
    call<TemplateLocale>('set_customer_language', { id, locale }),
  /** A reminder's message in its customer's language. */
  contactMessage: (id: number) => call<PreparedMessage>('contact_message', { id }),
  // Loan units (issue 18, part 8).
  lendLoanUnit: (id: number, draft: LoanDraft) => call<ClaimView>('lend_loan_unit', { id, draft }),
  returnLoanUnit: (id: number, draft: LoanDraft) =>
    call<ClaimView>('return_loan_unit', { id, draft }),
  // Contact from the card (issue 18 follow-up): her reminders and the shop's templates.
  cardContactChoices: (id: number) => call<ContactChoice[]>('card_contact_choices', { id }),
  recordCardContact: (id: number, pick: ContactPick, draft: OutcomeDraft) =>
    call<OutcomeResult>('record_card_contact', { id, pick, draft }),
  openCardContact: (id: number, pick: ContactPick, via: 'zalo' | 'tel') =>
    call<null>('open_card_contact', { id, pick, via }),
  // Reminders in the background (issue 16): starting with the computer, the owner's choice.
  desktopSettings: () => call<DesktopSettings>('desktop_settings'),
  setStartWithComputer: (on: boolean) => call<DesktopSettings>('set_start_with_computer', { on }),
  // The store in its chain (issue 15): status, testing and joining a hub, syncing now.
  chainStatus: () => call<ChainStatus>('chain_status'),
  /** The hub's schema version when it answers; nothing is written. */
  chainTest: (url: string) => call<number>('chain_test', { url }),
  chainJoin: (url: string, code: string, name: string) =>
    call<ChainStatus>('chain_join', { url, code, name }),
  chainSyncNow: () => call<ChainStatus>('chain_sync_now'),
  /** The status after each background sync; returns the function that stops listening. */
  onChainStatus: (f: (status: ChainStatus) => void) =>
    listen<ChainStatus>('chain-status', (e) => f(e.payload)),
  /** Other stores' changes arrived (how many): what is on screen may be stale. */
  onChainPulled: (f: (changes: number) => void) =>
    listen<number>('chain-pulled', (e) => f(e.payload)),
  // Loyalty (issue 17, loypoints): points rules, tiers, a card's balances, the live total.
  loyaltyRules: () => call<PointsRules>('loyalty_rules'),
  saveLoyaltyRules: (rules: PointsRules) => call<PointsRules>('save_loyalty_rules', { rules }),
  memberTiers: () => call<Tier[]>('member_tiers'),
  saveMemberTiers: (tiers: Tier[]) => call<Tier[]>('save_member_tiers', { tiers }),
  loyaltySummary: (customerId: number) => call<LoyaltySummary>('loyalty_summary', { customerId }),
  loyaltyHistory: (customerId: number) => call<LedgerLine[]>('loyalty_history', { customerId }),
  adjustPoints: (customerId: number, draft: AdjustDraft) =>
    call<LoyaltySummary>('adjust_points', { customerId, draft }),
  adjustCredit: (customerId: number, draft: AdjustDraft) =>
    call<LoyaltySummary>('adjust_credit', { customerId, draft }),
  /** What the sale form's draft comes to and how it is paid; writes nothing. */
  previewTender: (draft: PurchaseDraft) => call<Settlement>('preview_tender', { draft }),
  // Issue 17, loyreport: the owner's loyalty figures for a period.
  loyaltyReport: (period: PeriodInput) => call<LoyaltyReport>('loyalty_report', { period }),
  // Vouchers and what customers owe (issue 17).
  listVouchers: (customerId: number | null) => call<VoucherView[]>('list_vouchers', { customerId }),
  voucherUses: (id: number) => call<VoucherUse[]>('voucher_uses', { id }),
  createVoucher: (draft: VoucherDraft) => call<VoucherView>('create_voucher', { draft }),
  archiveVoucher: (id: number, archived: boolean) =>
    call<VoucherView>('archive_voucher', { id, archived }),
  quoteVoucher: (code: string, customerId: number | null, amount: number) =>
    call<number>('quote_voucher', { code, customerId, amount }),
  voucherSettings: () => call<VoucherSettings>('voucher_settings'),
  saveVoucherSettings: (settings: VoucherSettings) =>
    call<VoucherSettings>('save_voucher_settings', { settings }),
  debtAccount: (customerId: number) => call<DebtAccount>('debt_account', { customerId }),
  recordPayment: (customerId: number, payment: PaymentDraft) =>
    call<DebtAccount>('record_payment', { customerId, payment }),
  setDebtLimit: (customerId: number, limit: string) =>
    call<DebtAccount>('set_debt_limit', { customerId, limit }),
  openDebts: (overdueOnly: boolean) => call<OpenDebts>('open_debts', { overdueOnly }),
  debtSettings: () => call<DebtSettings>('debt_settings'),
  saveDebtSettings: (settings: DebtSettings) =>
    call<DebtSettings>('save_debt_settings', { settings }),
  /** Rows done so far in a dry run or commit; returns the function that stops listening. */
  onImportProgress: (f: (done: number, total: number) => void) =>
    listen<{ done: number; total: number }>('import-progress', (e) =>
      f(e.payload.done, e.payload.total),
    ),
};

export type Backend = typeof backend;
