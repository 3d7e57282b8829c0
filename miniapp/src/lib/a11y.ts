/**
 * The accessible role of a component. Browsers read `role`; WeChat reads `aria-role` (added to
 * Taro's weapp templates by config/aria-plugin.ts). aria-label, aria-checked and aria-hidden are
 * spelled the same on both, so components pass those directly.
 */
export function roleOf(role: string): Record<string, string> {
  return process.env.TARO_ENV === 'h5' ? { role } : { 'aria-role': role };
}
