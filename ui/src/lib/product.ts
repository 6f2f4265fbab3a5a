// The product form as typed, and the draft the backend checks. Numbers stay text while typed
// so a half-typed or wrong value is kept for correction rather than silently turned into 0.
import type { Product } from './bindings/Product';
import type { ProductDraft } from './bindings/ProductDraft';

export type ProductForm = {
  code: string;
  name: string;
  category: string;
  price: string;
  warrantyMonths: string;
  exchangeDays: string;
  policyId: string;
  repurchaseDays: string;
  serialRequired: boolean;
};

export function productForm(p: Product | null): ProductForm {
  if (!p) {
    return {
      code: '',
      name: '',
      category: '',
      price: '',
      warrantyMonths: '12',
      exchangeDays: '0',
      policyId: '',
      repurchaseDays: '',
      serialRequired: false,
    };
  }
  return {
    code: p.code,
    name: p.name,
    category: p.category,
    price: String(p.price),
    warrantyMonths: String(p.warranty_months),
    exchangeDays: String(p.exchange_days),
    policyId: p.policy_id === null ? '' : String(p.policy_id),
    repurchaseDays: p.repurchase_days === null ? '' : String(p.repurchase_days),
    serialRequired: p.serial_required,
  };
}

/** A whole non-negative number, or null when the text is not one. */
function count(text: string): number | null {
  const s = text.trim();
  return /^\d{1,6}$/.test(s) ? Number(s) : null;
}

/** The draft, or the form fields that are not whole numbers (`not_a_number`). */
export function productDraft(f: ProductForm): { draft: ProductDraft } | { invalid: string[] } {
  const warranty = f.warrantyMonths.trim() === '' ? 0 : count(f.warrantyMonths);
  const exchange = f.exchangeDays.trim() === '' ? 0 : count(f.exchangeDays);
  const repurchase = f.repurchaseDays.trim() === '' ? null : count(f.repurchaseDays);
  const invalid: string[] = [];
  if (warranty === null) invalid.push('warranty_months');
  if (exchange === null) invalid.push('exchange_days');
  if (f.repurchaseDays.trim() !== '' && repurchase === null) invalid.push('repurchase_days');
  if (invalid.length || warranty === null || exchange === null) return { invalid };
  return {
    draft: {
      code: f.code,
      name: f.name,
      category: f.category,
      price: f.price,
      warranty_months: warranty,
      exchange_days: exchange,
      policy_id: f.policyId ? Number(f.policyId) : null,
      repurchase_days: repurchase,
      serial_required: f.serialRequired,
    },
  };
}

/** Distinct categories already in use, for the category suggestions. */
export function categories(products: Product[]): string[] {
  return [...new Set(products.map((p) => p.category.trim()).filter(Boolean))].sort((a, b) =>
    a.localeCompare(b, 'vi'),
  );
}
