import type { UploadAnswer as Answer } from '../../../src/domain/dashboard-answers.js';
import { useState } from 'preact/hooks';
import { upload } from '../api.js';
import { num, t } from '../i18n.js';

/** Imports a survey wave without stopping the server: every problem listed, or the wave scored. */
export function UploadPage() {
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setAnswer(null);
    try {
      const r = await upload<Answer>(
        '/api/waves',
        new FormData(e.currentTarget as HTMLFormElement),
      );
      setAnswer(r.data ?? { error: String(r.status) });
    } catch (err) {
      setAnswer({ error: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="panel">
      <h2>{t('upload')}</h2>
      <p class="muted">{t('uploadHelp')}</p>
      <form class="filters upload-form" onSubmit={submit}>
        <label>
          {t('file')}
          <input name="file" type="file" required />
        </label>
        <label>
          {t('wave')}
          <input name="wave" required />
        </label>
        <label>
          {t('date')}
          <input name="date" type="date" />
        </label>
        <button class="primary" type="submit" disabled={busy}>
          {t('upload')}
        </button>
      </form>
      {busy && <p>{t('importing')}</p>}
      {answer?.error && (
        <div class="error upload-error">
          <p>{answer.error}</p>
          {answer.problems && answer.problems.length > 0 && (
            <table class="problems">
              <thead>
                <tr>
                  <th class="num">{t('row')}</th>
                  <th>{t('column')}</th>
                  <th>{t('value')}</th>
                  <th>{t('problems')}</th>
                </tr>
              </thead>
              <tbody>
                {answer.problems.map((p) => (
                  <tr key={`${p.row}:${p.column}`}>
                    <td class="num">{p.row}</td>
                    <td>{p.column}</td>
                    <td>{p.value ?? ''}</td>
                    <td>{p.why}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      {answer?.run && answer.import && (
        <div class="ok upload-done">
          {t('imported')}: {answer.import.file} · {t('wave')} {answer.run.wave} ·{' '}
          {num(answer.import.rows)} {t('households')} · {num(answer.run.scored)} ·{' '}
          {t('casesOpened')} {num(answer.run.cases_opened)}
        </div>
      )}
    </section>
  );
}
