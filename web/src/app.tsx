import { useEffect } from 'preact/hooks';
import { account, restore, signOut } from './api.js';
import { label, lang, setLang, t } from './i18n.js';
import { AlertsPage } from './pages/alerts.js';
import { EventsPage } from './pages/events.js';
import { HouseholdPage } from './pages/household.js';
import { LoginPage } from './pages/login.js';
import { ModelPage } from './pages/model.js';
import { OverviewPage } from './pages/overview.js';
import { route } from './route.js';
import { CasesPage } from './pages/cases.js';
import { PrintHousehold } from './pages/print-household.js';
import { PrintVillage } from './pages/print-village.js';
import { UploadPage } from './pages/upload.js';

/**
 * The dashboard: sign-in, then the overview, alert queue, my and overdue cases, household,
 * upload and model pages, the printable case file and village list, and for admin accounts
 * the audit log.
 */
export function App() {
  const language = lang.use();
  const me = account.use();
  const path = route.use();
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('title');
  }, [language]);
  useEffect(() => {
    void restore();
  }, []);
  if (me === undefined) return <p>{t('loading')}</p>;
  if (me === null) return <LoginPage />;
  const [page, rest = ''] = path.split('?');
  const query = new URLSearchParams(rest);
  const nav = (href: string, key: string) => (
    <a
      href={`#${href}`}
      class={page === href || (href !== '/' && page.startsWith(href)) ? 'active' : ''}
    >
      {t(key)}
    </a>
  );
  const area = me.village ?? me.township ?? me.county ?? '';
  return (
    <div>
      <header>
        <h1>{t('title')}</h1>
        <nav>
          {nav('/', 'overview')}
          {nav('/alerts', 'alerts')}
          {nav('/mine', 'myCases')}
          {nav('/overdue', 'overdue')}
          {nav('/print/village', 'printList')}
          {(me.role === 'admin' || me.role === 'county') && nav('/upload', 'upload')}
          {nav('/model', 'model')}
          {me.role === 'admin' && nav('/events', 'events')}
        </nav>
        <span class="spacer" />
        <span class="muted">
          {me.username} · {label('role', me.role)} {area}
        </span>
        <button
          type="button"
          class="secondary lang-switch"
          onClick={() => setLang(language === 'en' ? 'zh-CN' : 'en')}
        >
          {t('language')}
        </button>
        <button type="button" class="secondary" onClick={() => void signOut()}>
          {t('logout')}
        </button>
      </header>
      <main>
        {page.startsWith('/print/household/') ? (
          <PrintHousehold id={decodeURIComponent(page.slice('/print/household/'.length))} />
        ) : page === '/print/village' ? (
          <PrintVillage query={query} key={rest} />
        ) : page === '/mine' || page === '/overdue' ? (
          <CasesPage which={page === '/mine' ? 'mine' : 'overdue'} key={page} />
        ) : page === '/upload' ? (
          <UploadPage />
        ) : page.startsWith('/household/') ? (
          <HouseholdPage id={decodeURIComponent(page.slice('/household/'.length))} />
        ) : page === '/alerts' ? (
          <AlertsPage query={query} key={rest} />
        ) : page === '/model' ? (
          <ModelPage />
        ) : page === '/events' && me.role === 'admin' ? (
          <EventsPage />
        ) : (
          <OverviewPage />
        )}
      </main>
    </div>
  );
}
