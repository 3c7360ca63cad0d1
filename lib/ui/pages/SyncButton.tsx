/** "Sinkronkan sekarang": asks the background to check every list, with a busy state. */
import { useState } from 'preact/hooks';
import { t } from '../../i18n/common';
import { PAGE } from '../../i18n/pages';
import { sendMessage } from '../../messaging/client';
import type { Locale } from '../../model';

export function SyncButton({ locale, onDone }: { locale: Locale; onDone: () => Promise<void> | void }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  async function sync() {
    if (busy) return;
    setBusy(true);
    setMessage('');
    try {
      await sendMessage('lists.sync', {});
      setMessage(t(PAGE.syncDone, locale));
    } catch {
      // The background may be restarting (MV3); the lists stay as they are.
      setMessage(t(PAGE.syncFailed, locale));
    } finally {
      setBusy(false);
      await onDone();
    }
  }

  return (
    <div class="jn-sync">
      <button type="button" onClick={sync} disabled={busy} aria-busy={busy} data-action="sync">
        {busy ? t(PAGE.syncing, locale) : t(PAGE.syncNow, locale)}
      </button>
      <span class="jn-sync-message" role="status" aria-live="polite">
        {message}
      </span>
    </div>
  );
}
