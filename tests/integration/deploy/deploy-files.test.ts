// The deploy recipes cannot run here (no Docker): check what can be checked without it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

interface Service {
  build?: { target?: string };
  image?: string;
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
  ports?: string[];
}

const compose = yaml.load(readFileSync('compose.yaml', 'utf8')) as { services: Record<string, Service> };

describe('compose.yaml', () => {
  it('runs a proxy, two server instances and PostgreSQL, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app1', 'app2', 'db', 'proxy']);
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck?.test?.length, `${name} has a health check`).toBeGreaterThan(0);
    }
    for (const name of ['app1', 'app2']) {
      const app = compose.services[name];
      expect(app?.build?.target).toBe('app');
      expect(app?.healthcheck?.test?.join(' ')).toContain('/healthz');
      expect(app?.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.*@db:5432\//);
      expect(app?.environment?.SITE_SECRET).toBeTruthy();
      expect(app?.depends_on?.db?.condition).toBe('service_healthy');
    }
    const proxy = compose.services.proxy;
    expect(proxy?.build?.target).toBe('proxy');
    expect(proxy?.depends_on?.app1?.condition).toBe('service_healthy');
    expect(proxy?.depends_on?.app2?.condition).toBe('service_healthy');
    expect(proxy?.ports).toHaveLength(1);
  });

  it('builds only targets the Dockerfile defines, and the server image runs unprivileged with a health check', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]);
    expect(stages).toEqual(['build', 'proxy', 'app']);
    const app = dockerfile.slice(dockerfile.indexOf('AS app'));
    expect(app).toMatch(/^USER node$/m);
    expect(app).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
    expect(dockerfile).toContain('npm prune --omit=dev');
  });
});

describe('deploy/nginx.conf', () => {
  const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
  it.skipIf(!nginx)('passes nginx -t (with the compose host names pointed at this machine)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pursebop-nginx-t-'));
    try {
      // nginx resolves upstream names while testing; app1 and app2 exist only inside compose.
      const site = readFileSync('deploy/nginx.conf', 'utf8')
        .replace('server app1:4321', 'server 127.0.0.1:4321')
        .replace('server app2:4321', 'server 127.0.0.2:4321')
        .replace('listen 80;', 'listen 127.0.0.1:4479;');
      writeFileSync(path.join(dir, 'site.conf'), site);
      writeFileSync(
        path.join(dir, 'nginx.conf'),
        `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  include /etc/nginx/mime.types;\n  include ${dir}/site.conf;\n}\n`,
      );
      const out = execFileSync(
        nginx ?? 'nginx',
        ['-t', '-p', dir, '-c', `${dir}/nginx.conf`, '-e', `${dir}/error.log`],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      expect(out).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
