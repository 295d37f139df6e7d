import { useState } from 'preact/hooks';
import { signIn } from '../api.js';
import { setLang, t, lang } from '../i18n.js';

/** The sign-in form. */
export function LoginPage() {
  lang.use();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await signIn(username, password);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div class="login">
      <h1>{t('title')}</h1>
      <form onSubmit={submit}>
        <label>
          {t('username')}
          <input
            name="username"
            autocomplete="username"
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && <div class="error">{error}</div>}
        <button class="primary" type="submit">
          {t('login')}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => setLang(lang.get() === 'en' ? 'zh-CN' : 'en')}
        >
          {t('language')}
        </button>
      </form>
    </div>
  );
}
