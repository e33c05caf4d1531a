// biome-ignore-all lint/suspicious/noTemplateCurlyInString: nginx configs are full of ${variable} references
/** nginx parser: blocks, directives, quoted arguments, location modifiers, comments, errors, includes within the repository. */
import { describe, expect, it } from 'vitest';
import { makeSourceFile } from '../src/discover.ts';
import { expandIncludes, includedFiles, locationMatch, type NginxDirective, parseNginx } from '../src/parsers/nginx.ts';

const conf = (path: string, ...lines: string[]) => parseNginx(makeSourceFile(path, 'nginx', lines.join('\n')));

describe('nginx parser', () => {
  it('reads directives, blocks and arguments with positions; comments are skipped', () => {
    const c = conf('nginx.conf', 'http { # main', '  server {', '    listen 80;', '    location /metrics {', '      proxy_pass http://app:3000;', '    }', '  }', '}');
    const server = c.directives[0]?.block?.[0] as NginxDirective;
    expect(server.name).toBe('server');
    expect(server.loc).toMatchObject({ line: 2, column: 3, endLine: 7, endColumn: 4 });
    const location = server.block?.[1] as NginxDirective;
    expect(location.args[0]).toMatchObject({ value: '/metrics', loc: { line: 4, column: 14, endColumn: 22 } });
    expect(location.block?.[0]).toMatchObject({ name: 'proxy_pass', args: [{ value: 'http://app:3000' }], loc: { line: 5, endColumn: 34 } });
  });

  it('unquotes quoted arguments and keeps ${var} and semicolons inside quotes', () => {
    const c = conf('nginx.conf', 'auth_basic "Admin area; keep out";', "add_header X-Id '${request_id}';", 'set $x ${host}v;');
    expect(c.directives.map((d) => d.args.map((a) => a.value))).toEqual([['Admin area; keep out'], ['X-Id', '${request_id}'], ['$x', '${host}v']]);
  });

  it('reads location modifiers, spaced or glued', () => {
    const match = (text: string) => {
      const d = conf('nginx.conf', `${text} { return 404; }`).directives[0] as NginxDirective;
      const m = locationMatch(d);
      return m && [m.modifier, m.path];
    };
    expect(match('location /admin/')).toEqual(['', '/admin/']);
    expect(match('location = /metrics')).toEqual(['=', '/metrics']);
    expect(match('location =/metrics')).toEqual(['=', '/metrics']);
    expect(match('location ~* ^/(debug|admin)')).toEqual(['~*', '^/(debug|admin)']);
    expect(match('location ^~ /inspector')).toEqual(['^~', '/inspector']);
    expect(match('location @fallback')).toEqual(['@', 'fallback']);
  });

  it('skips the Lua body of *_by_lua_block', () => {
    const c = conf('nginx.conf', 'location /x {', '  content_by_lua_block { ngx.say("}") if a then b() end }', '  deny all;', '}');
    expect(c.directives[0]?.block?.map((d) => d.name)).toEqual(['content_by_lua_block', 'deny']);
  });

  it('throws with a position on unbalanced braces, a missing ; and unterminated strings', () => {
    expect(() => conf('nginx.conf', 'server {', '  listen 80;')).toThrow(/no closing `}`/);
    expect(() => conf('nginx.conf', 'listen 80;', '}')).toThrow(/unexpected `}`/);
    expect(() => conf('nginx.conf', 'server {', '  listen 80', '}')).toThrow(/needs a closing `;`/);
    expect(() => conf('nginx.conf', 'return 200 "ok;')).toThrow(/unterminated/);
    try {
      conf('nginx.conf', 'server {', '  listen 80', '}');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ line: 3, column: 1 });
    }
  });
});

describe('nginx includes', () => {
  const files = ['nginx/nginx.conf', 'nginx/conf.d/app.conf', 'nginx/conf.d/admin.conf', 'nginx/snippets/internal.conf', 'other/conf.d/x.conf'];

  it('resolves relative paths from the including folder or a folder above it, absolute paths by their trailing folders', () => {
    expect(includedFiles('nginx/nginx.conf', 'conf.d/*.conf', files)).toEqual(['nginx/conf.d/admin.conf', 'nginx/conf.d/app.conf']);
    expect(includedFiles('nginx/nginx.conf', '/etc/nginx/conf.d/*.conf', files)).toEqual(['nginx/conf.d/admin.conf', 'nginx/conf.d/app.conf']);
    expect(includedFiles('nginx/conf.d/app.conf', 'snippets/internal.conf', files)).toEqual(['nginx/snippets/internal.conf']);
    expect(includedFiles('nginx/nginx.conf', '/etc/nginx/mime.types', files)).toEqual([]);
    expect(includedFiles('nginx/nginx.conf', '/etc/nginx/sites-enabled/*', files)).toEqual([]);
  });

  it('expands includes in place and returns the configs nothing includes', () => {
    const main = conf('nginx/nginx.conf', 'http {', '  include /etc/nginx/conf.d/*.conf;', '  include mime.types;', '}');
    const app = conf('nginx/conf.d/app.conf', 'server {', '  location /metrics {', '    include snippets/internal.conf;', '    proxy_pass http://app;', '  }', '}');
    const snippet = conf('nginx/snippets/internal.conf', 'allow 10.0.0.0/8;', 'deny all;');
    const loop = conf('nginx/conf.d/admin.conf', 'include /etc/nginx/nginx.conf;');
    const roots = expandIncludes([main, app, snippet, loop]);
    expect(roots.map((r) => r.file)).toEqual(['nginx/nginx.conf']);
    const http = roots[0]?.directives[0]?.block ?? [];
    // admin.conf's include of nginx.conf would loop: it stays unexpanded.
    expect(http.map((d) => d.name)).toEqual(['include', 'server', 'include']);
    const location = http[1]?.block?.[0];
    expect(location?.block?.map((d) => [d.name, d.nameLoc.file])).toEqual([
      ['allow', 'nginx/snippets/internal.conf'],
      ['deny', 'nginx/snippets/internal.conf'],
      ['proxy_pass', 'nginx/conf.d/app.conf'],
    ]);
  });
});
