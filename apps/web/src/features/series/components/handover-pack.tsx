import { useId, useState } from 'react';
import type { SavedSeries } from '@scam/shared';
import { useCan } from '../../../api/session.queries';
import { handoverPackUrl, recipientProblem } from '../utils/handover';

/**
 * "Handover pack": the saved series as one zip for another unit, for inspectors and admins. The
 * recipient is asked for because the disclosure is recorded against it; the pack carries the
 * assessment on screen (`seq`), or the latest.
 */
export function HandoverPack({ saved, seq }: { saved: Pick<SavedSeries, 'id' | 'name'>; seq: number | null }) {
  const canHandOver = useCan('appeals');
  const [recipient, setRecipient] = useState('');
  const id = useId();
  if (!canHandOver) return null;
  const problem = recipientProblem(recipient);
  return (
    <form className="series-actions__row no-print" onSubmit={(e) => e.preventDefault()} data-testid="handover-pack">
      <label className="field series-actions__name" htmlFor={id}>
        <span className="field__label">Handover pack{seq === null ? '' : ` (assessment ${seq})`}: recipient</span>
        <input
          id={id}
          type="text"
          value={recipient}
          maxLength={200}
          placeholder="e.g. ERSOU Regional Fraud Team"
          onChange={(e) => setRecipient(e.target.value)}
          aria-describedby={`${id}-hint`}
          data-testid="handover-recipient"
        />
      </label>
      {problem ? (
        <button type="button" className="button" disabled title={problem}>
          Download pack
        </button>
      ) : (
        <a className="button" href={handoverPackUrl(saved.id, recipient, seq)} download data-testid="handover-download">
          Download pack
        </a>
      )}
      <p id={`${id}-hint`} className="small muted">
        A zip marked OFFICIAL-SENSITIVE: the members (Excel and CSV), the evidence, a printable briefing and a manifest of checksums.
        Recorded as a disclosure to the recipient.
      </p>
    </form>
  );
}
