import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isUserError } from '../../errors.js';
import { userMessage } from '../field-name.js';
import { messages } from '../../messages.js';
import { sqlString } from '../../monitor/sql.js';
import { importWave, ImportRejected } from '../../monitor/import.js';
import { runRules } from '../../monitor/run.js';
import { fail, sessionOf, storeAs, type ServerContext } from '../context.js';
import { controlInValue } from '../control-chars.js';

/** Limits of an upload: one file of at most 512 MB, and a few small fields. */
export const UPLOAD_LIMITS = Object.freeze({
  fileSize: 512 * 1024 * 1024,
  files: 1,
  fields: 4,
  fieldSize: 256,
});

/**
 * `POST /api/waves` (admin and county accounts; others 403): a wave uploaded as multipart
 * fields `file`, `wave` and `date` (optional, YYYY-MM-DD). The file may be in any format the
 * CLI reads (its extension tells which); it is imported with the CLI's all-or-nothing
 * validation (400 with `problems`, every bad cell, when anything is wrong) and then scored
 * with the server's rules: the answer holds the import's and the run's results. The server
 * keeps serving throughout; readers wait only while the wave is written. A county account's
 * file may hold only its own county's households (any other row is a problem of the file).
 * The guard applies as on every route (session, role, Origin, CSRF); a field holding a
 * control character is refused (400), and the import is logged by `importWave`.
 * @example registerWaveRoutes(app, ctx)
 */
export function registerWaveRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/api/waves', { config: { roles: ['admin', 'county'] } }, async (request, reply) => {
    if (!request.isMultipart()) return fail(reply, 400, messages.server.uploadField('file'));
    const dir = await mkdtemp(join(tmpdir(), 'povrisk-upload-'));
    try {
      const fields: Record<string, string> = {};
      let file: string | null = null;
      let truncated = false;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const f = part as MultipartFile;
          const ext = extname(f.filename ?? '')
            .toLowerCase()
            .replace(/[^a-z0-9.]/g, '');
          if (f.fieldname !== 'file' || ext === '') {
            f.file.resume();
            if (f.fieldname === 'file') return fail(reply, 400, messages.server.uploadNoName());
            continue;
          }
          file = join(dir, basename(f.filename).replace(/[^\p{L}\p{N}._-]/gu, '_'));
          await pipeline(f.file, createWriteStream(file));
          truncated = f.file.truncated;
        } else {
          fields[part.fieldname] = String(part.value ?? '');
        }
      }
      if (truncated) {
        return fail(reply, 413, messages.server.uploadTooLarge(UPLOAD_LIMITS.fileSize / 2 ** 20));
      }
      if (file === null) return fail(reply, 400, messages.server.uploadField('file'));
      // The guard checks JSON bodies; the fields of this one are checked here.
      const bad = controlInValue(fields, 'body');
      if (bad !== null) return fail(reply, 400, messages.server.controlChars(bad));
      const wave = fields.wave?.trim();
      if (!wave) return fail(reply, 400, messages.server.uploadField('wave'));
      const date = fields.date?.trim() || undefined;
      const store = storeAs(ctx, request);
      const upload = file;
      // A county account imports its own county's households only.
      const county = sessionOf(request).scope.county ?? undefined;
      const name = basename(upload);
      return await ctx.gate.write(async () => {
        const imported = await importWave(store, upload, { wave, date, county });
        if (imported.importId !== null) {
          await store.db.run(
            `UPDATE imports SET file = ${sqlString(`upload: ${name}`)} WHERE import_id = ${imported.importId}`,
          );
        }
        const run = await runRules(store, { wave, rules: ctx.rules });
        return { import: { ...imported, file: name }, run };
      });
    } catch (e) {
      if (!isUserError(e)) throw e;
      const error = userMessage(e).replaceAll(`${dir}/`, '');
      const problems = e instanceof ImportRejected ? e.problems : [];
      return reply.code(400).send({ error, problems });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
