// A tiny static file server for a built Stance site: no dependencies,
// 127.0.0.1 only, a free port chosen by the system. Missing paths get the
// site's 404.html with status 404, as a real host would serve it. Text
// and WebAssembly are sent gzipped to browsers that accept it, as static
// hosts do, so transfer sizes measured here are what readers download.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.pdf': 'application/pdf',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

const compressible = /^(text\/|application\/(json|xml|wasm)|image\/svg)/;

// gzipped keeps each file's compressed body by path, size and date.
const gzipped = new Map();
function gzip(file, body) {
  const st = fs.statSync(file);
  const key = `${file}:${st.size}:${st.mtimeMs}`;
  if (!gzipped.has(key)) gzipped.set(key, zlib.gzipSync(body, { level: 6 }));
  return gzipped.get(key);
}

// resolve maps a URL path to a file inside root, or null.
function resolve(root, urlPath) {
  let p;
  try {
    p = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  const file = path.join(root, path.normalize(p));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  let st;
  try {
    st = fs.statSync(file);
  } catch {
    return null;
  }
  if (st.isDirectory()) {
    if (!p.endsWith('/')) return { redirect: p + '/' };
    const index = path.join(file, 'index.html');
    return fs.existsSync(index) ? { file: index } : null;
  }
  return { file };
}

export function serve(root) {
  root = path.resolve(root);
  const server = http.createServer((req, res) => {
    const r = resolve(root, req.url);
    if (r && r.redirect) {
      res.writeHead(301, { Location: r.redirect });
      res.end();
      return;
    }
    let status = 200;
    let file = r && r.file;
    if (!file) {
      status = 404;
      file = path.join(root, '404.html');
      if (!fs.existsSync(file)) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('not found');
        return;
      }
    }
    let body = fs.readFileSync(file);
    const type = types[path.extname(file).toLowerCase()] || 'application/octet-stream';
    const headers = { 'Content-Type': type, 'Cache-Control': 'no-store', Vary: 'Accept-Encoding' };
    if (compressible.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      body = gzip(file, body);
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      ok({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}
