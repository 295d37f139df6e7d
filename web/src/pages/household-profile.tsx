import type { HouseholdProfile } from '../../../src/domain/household-detail.js';
import { lang, num, t } from '../i18n.js';

const digits = (name: string) => (name === 'wage_share' ? 2 : name === 'motivation' ? 1 : 0);

/** A signed change, or nothing when there is none. */
function change(x: number | null, d: number): string {
  if (x === null || x === 0) return x === 0 ? '0' : '';
  return `${x > 0 ? '+' : ''}${num(x, d)}`;
}

/** The household's indicators in the latest wave, grouped as the paper groups them. */
export function ProfilePanel(props: { profile: HouseholdProfile }) {
  const language = lang.use();
  const p = props.profile;
  return (
    <section class="panel profile">
      <h2>
        {t('profile')} {p.wave ?? ''}
      </h2>
      {p.previous_wave && (
        <p class="muted">
          {t('change')}: {p.previous_wave} → {p.wave}
        </p>
      )}
      <div class="profile-groups">
        {p.groups.map((g) => (
          <div class="profile-group" key={g.group} data-group={g.group}>
            <h3>{language === 'en' ? g.en : g.zh}</h3>
            <div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th>{t('indicator')}</th>
                    <th class="num">{t('value')}</th>
                    <th class="num">{t('changeShort')}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.items.map((i) => (
                    <tr key={i.name} data-name={i.name}>
                      <td>{language === 'en' ? i.en : i.zh}</td>
                      <td class="num">{num(i.value, digits(i.name))}</td>
                      <td class={`num ${i.change && i.change < 0 ? 'down' : i.change ? 'up' : ''}`}>
                        {change(i.change, digits(i.name))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}
