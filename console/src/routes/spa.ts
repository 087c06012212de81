/**
 * Serves the built single-page app (console/dist) at / with history fallback: any GET that is not
 * an API or media path and not a file answers index.html, so deep links like /campaigns/7 work.
 */
import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

export const distDir = (): string => fileURLToPath(new URL('../../dist', import.meta.url));
export const hasBuiltSpa = (dir = distDir()): boolean => existsSync(join(dir, 'index.html'));

const NOT_SPA = /^\/(api|media|metrics|health)(\/|$)/;

export async function spaRoutes(app: FastifyInstance, dir = distDir()): Promise<void> {
  await app.register(fastifyStatic, { root: dir, serve: false });
  app.get('/*', async (req, reply) => {
    const path = decodeURIComponent(req.url.split('?')[0] ?? '/');
    if (NOT_SPA.test(path)) return reply.status(404).send({ error: { code: 'TZ_ERR_NOT_FOUND', message: 'Not found', details: {} } });
    if (!hasBuiltSpa(dir)) {
      return reply.status(503).type('text/plain; charset=utf-8').send('The console is not built: run `npm run build -w console`.\n控制台尚未构建。');
    }
    const rel = normalize(path).replace(/^[/\\]+/, '');
    const file = join(dir, rel);
    if (rel && !rel.includes('..') && file.startsWith(dir + sep) && existsSync(file) && statSync(file).isFile()) {
      // Vite's hashed assets never change; everything else is revalidated.
      const immutable = rel.startsWith('assets/');
      return reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').sendFile(rel);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
