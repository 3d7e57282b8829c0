/**
 * Accessibility on both platforms. Browsers read `role`; WeChat reads `aria-role` (added to Taro's
 * weapp templates by config/aria-plugin.ts). aria-label, aria-checked and aria-hidden are spelled
 * the same on both, so components pass those directly. In a browser, every control can also be
 * reached with Tab and pressed with Enter or Space (Taro's H5 components are not native controls).
 */
import { useEffect } from 'react';

/** Roles a person acts on: in a browser, each is in the Tab order and pressed from the keyboard. */
const INTERACTIVE = new Set(['button', 'link', 'radio', 'switch', 'checkbox']);

export function roleOf(role: string): Record<string, string | number> {
  if (process.env.TARO_ENV !== 'h5') return { 'aria-role': role };
  if (role === 'heading') return { role, 'aria-level': '1' }; // a page's title; a section passes aria-level="2" after it
  return INTERACTIVE.has(role) ? { role, tabIndex: 0 } : { role };
}

/**
 * The accessible name of a text field. Taro's H5 Input and Textarea wrap the native element, which
 * is what a screen reader (and getByRole('textbox')) reads: the name goes onto it as well.
 */
export function fieldLabel(label: string): { 'aria-label': string; nativeProps?: Record<string, string> } {
  return process.env.TARO_ENV === 'h5' ? { 'aria-label': label, nativeProps: { 'aria-label': label } } : { 'aria-label': label };
}

/**
 * An aria state as the string the attribute holds. Taro's H5 components set a boolean prop only as
 * a DOM property after the first render, so `aria-checked={false}` would leave the attribute at
 * its first value; a string is written to the attribute every time.
 */
export function flag(on: boolean): 'true' | 'false' {
  return on ? 'true' : 'false';
}

/** H5: Enter (and Space, on all but links) presses the focused control, as on a native button. Installed once by the app. */
export function installKeyboardPress(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    const role = target?.getAttribute?.('role');
    if (!target || !role || !INTERACTIVE.has(role) || target.getAttribute('aria-disabled') === 'true') return;
    if (event.key === 'Enter' || (event.key === ' ' && role !== 'link')) {
      event.preventDefault();
      target.click();
    }
  });
}

/** Spread on a dialog's box: focus can be put there (by useDialogFocus), Tab passes it by. */
export const DIALOG_FOCUS: Record<string, number> = process.env.TARO_ENV === 'h5' ? { tabIndex: -1 } : {};

/**
 * H5: while a dialog is open, focus is on it (a screen reader reads its title), Tab cycles through
 * its controls only, and when it closes focus goes back where it was.
 */
export function useDialogFocus(selector: string): void {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return undefined;
    const before = document.activeElement as HTMLElement | null;
    const dialog = () => document.querySelector<HTMLElement>(selector);
    const controls = () => Array.from(dialog()?.querySelectorAll<HTMLElement>('[tabindex="0"]') ?? []);
    // After the dialog's elements are upgraded and in the page.
    const timer = setTimeout(() => dialog()?.focus(), 0);
    const trap = (event: KeyboardEvent) => {
      if (event.key !== 'Tab') return;
      const inside = controls();
      if (inside.length === 0) return;
      const index = inside.indexOf(document.activeElement as HTMLElement);
      const next = event.shiftKey ? (index <= 0 ? inside.length - 1 : index - 1) : index === inside.length - 1 || index < 0 ? 0 : index + 1;
      event.preventDefault();
      inside[next]!.focus();
    };
    document.addEventListener('keydown', trap);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('keydown', trap);
      if (before && document.contains(before)) before.focus();
    };
  }, [selector]);
}
