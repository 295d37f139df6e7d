import type { MetaAnswer as Meta } from '../../../src/domain/dashboard-answers.js';
import { useEffect } from 'preact/hooks';
import { labelOf } from '../../../src/domain/labels.js';
import { get } from '../api.js';
import { useData } from '../use-data.js';
import type { QueueRow } from '../../../src/domain/case-rows.js';

const zh = (kind: string, v: string | null) => (v ? labelOf(kind, v, 'zh') : '—');

/**
 * A village's monitoring list (防止返贫监测对象名单), in Chinese, for the paper archive: every
 * open case with its category, how it was found, its cadre and where the procedure stands.
 * With no village chosen, a list of the villages of the account's area to choose from.
 */
export function PrintVillage(props: { query: URLSearchParams }) {
  const village = props.query.get('village');
  const params = props.query.toString();
  const meta = useData(() => get<Meta>('/api/meta'), 'meta');
  const d = useData(
    () => (village ? get<QueueRow[]>(`/api/cases/area?${params}`) : Promise.resolve([])),
    params,
  );
  useEffect(() => {
    document.title = `防止返贫监测对象名单 ${village ?? ''}`;
  }, [village]);
  if (!village) {
    return (
      <section class="panel">
        <h2>打印监测名单：选择村</h2>
        <ul class="village-choice">
          {(meta.data?.villages ?? []).map((v) => (
            <li key={`${v.county}|${v.township}|${v.village}`}>
              <a
                href={`#/print/village?${new URLSearchParams({ county: v.county, township: v.township, village: v.village })}`}
              >
                {v.county} {v.township} {v.village}
              </a>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  if (d.error) return <div class="error">{d.error}</div>;
  if (!d.data) return <p>加载中…</p>;
  return (
    <article class="print-page" lang="zh-CN">
      <p class="no-print">
        <button type="button" class="primary" onClick={() => window.print()}>
          打印
        </button>
      </p>
      <h1>防止返贫监测对象名单</h1>
      <p>
        {props.query.get('county')} {props.query.get('township')} {village}
        {'\u3000'}共 {d.data.length} 户
      </p>
      <table class="print-table village-list">
        <thead>
          <tr>
            <th>序号</th>
            <th>户编号</th>
            <th>监测类别</th>
            <th>发现方式</th>
            <th>状态</th>
            <th>已办环节</th>
            <th>下一环节</th>
            <th>办理时限</th>
            <th>帮扶责任人</th>
          </tr>
        </thead>
        <tbody>
          {d.data.map((r, i) => (
            <tr key={r.case_id}>
              <td>{i + 1}</td>
              <td>{r.household_id}</td>
              <td>{zh('category', r.category)}</td>
              <td>{zh('found_by', r.found_by)}</td>
              <td>{zh('status', r.status)}</td>
              <td>
                {zh('step', r.last_step)} {r.since}
              </td>
              <td>{r.next_step ? zh('step', r.next_step) : '—'}</td>
              <td>{r.due ?? '—'}</td>
              <td>{r.responsible ?? '未指定'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="print-foot">
        打印日期：{new Date().toISOString().slice(0, 10)}
        {'\u3000'}
        {'\u3000'}村（社区）负责人签字：＿＿＿＿＿＿{'\u3000'}
        {'\u3000'}盖章：
      </p>
    </article>
  );
}
