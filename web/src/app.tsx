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

/**
 * The dashboard: sign-in, then the overview, alert queue, household and model pages, and for
 * admin accounts the audit log.
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
        {page.startsWith('/household/') ? (
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
