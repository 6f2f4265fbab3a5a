import { beforeEach, describe, expect, it } from 'vitest';
import type { ErrorPayload } from './bindings/ErrorPayload';
import { payloadText } from './errors';
import { setLocale } from './i18n/index.svelte';

const copy = 'C:\\Users\\Nguyễn Văn Tâm\\AppData\\Roaming\\vn.khachquen.app\\nang-cap\\x.sqlite';
const openError = (code: string, detail: string | null): ErrorPayload => ({
  code,
  message: '',
  fields: [],
  duplicates: [],
  serial_conflicts: [],
  detail,
});

beforeEach(() => setLocale('vi'));

describe('a database that could not be upgraded, as the start screen says it', () => {
  it('says the upgrade failed, the data is as it was, and where the copy is', () => {
    const text = payloadText(openError('upgrade_failed', copy));
    expect(text).toContain('không thành công');
    expect(text).toContain('vẫn nguyên');
    expect(text).toContain(copy);
    setLocale('en');
    expect(payloadText(openError('upgrade_failed', copy))).toContain(`before the upgrade: ${copy}`);
  });

  it('names the folder the copy could not be written to, and that nothing changed', () => {
    const text = payloadText(openError('upgrade_backup_failed', '/home/a/nang-cap'));
    expect(text).toContain('/home/a/nang-cap');
    expect(text).toContain('chưa bị thay đổi');
  });

  it('when the copy could not be put back, says where it is and not to delete anything', () => {
    const text = payloadText(openError('upgrade_restore_failed', copy));
    expect(text).toContain(copy);
    expect(text).toContain('Đừng xoá');
    expect(text).not.toContain('{path}');
  });

  it('still translates the other reasons a database does not open', () => {
    expect(payloadText(openError('schema_too_new', null))).toMatch(/phiên bản .* mới hơn/);
  });
});
