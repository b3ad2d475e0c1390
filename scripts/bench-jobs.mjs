// `node scripts/bench-jobs.mjs`: does `upkeep lint DIR` pay for worker threads? Generates the
// 1,000-file configuration of issue 10 (httpd.conf + conf.d/*.conf, each an 18-line vhost with a
// maintenance chain, and a plugin-cfg.xml; BENCH_CLUSTERS clusters, default 2,000) in a temporary folder,
// then times the CLI as a process with --jobs 1, 2 and auto (medians of BENCH_RUNS, default 3; wall and
// CPU time, peak RSS of the process tree is not available portably so the main process's is printed),
// and checks the outputs are byte-identical.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const FILES = Number(process.env.BENCH_FILES ?? 1000);
const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

export function generateDir(dir, files = FILES, clusters = CLUSTERS) {
  mkdirSync(path.join(dir, 'conf', 'conf.d'), { recursive: true });
  mkdirSync(path.join(dir, 'htdocs'), { recursive: true });
  writeFileSync(path.join(dir, 'htdocs', 'maintenance.html'), 'down\n');
  writeFileSync(
    path.join(dir, 'conf', 'httpd.conf'),
    [
      `ServerRoot "${dir}"`,
      'Listen 127.0.0.1:8080',
      'LoadModule rewrite_module modules/mod_rewrite.so',
      'LoadModule headers_module modules/mod_headers.so',
      `LoadModule was_ap22_module modules/mod_was_ap22_http.so`,
      `WebSpherePluginConfig ${dir}/plugin-cfg.xml`,
      `DocumentRoot "${dir}/htdocs"`,
      'IncludeOptional conf/conf.d/*.conf',
      '',
    ].join('\n'),
  );
  for (let i = 1; i < files - 1; i++) {
    writeFileSync(
      path.join(dir, 'conf', 'conf.d', `site${String(i).padStart(4, '0')}.conf`),
      [
        `# site ${i}`,
        `<VirtualHost 127.0.0.1:8080>`,
        `    ServerName site${i}.example.com`,
        `    DocumentRoot "${dir}/htdocs"`,
        `    RewriteEngine On`,
        `    RewriteCond %{REMOTE_ADDR} !^10\\.0\\.${i % 256}\\.1$`,
        `    RewriteCond %{REQUEST_URI} !^/maintenance\\.html$`,
        `    RewriteRule ^ - [R=503,L]`,
        `    ErrorDocument 503 /maintenance.html`,
        `    <Location "/app${i}">`,
        `        Require all granted`,
        `        Header always set X-Site "site${i}"`,
        `    </Location>`,
        `    <IfModule mod_alias.c>`,
        `        Alias /static${i} /tmp`,
        `    </IfModule>`,
        `</VirtualHost>`,
        '',
      ].join('\n'),
    );
  }
  const cl = [];
  for (let c = 0; c < clusters; c++) {
    cl.push(
      `  <ServerCluster Name="Cluster${c}" LoadBalance="Round Robin" RetryInterval="60">`,
      ...[1, 2].map(n => `    <Server Name="node${n}_Cluster${c}" CloneID="c${c}n${n}" LoadBalanceWeight="2">\n      <Transport Hostname="10.20.${n}.${c % 250}" Port="${9000 + (c % 900)}" Protocol="http"/>\n    </Server>`),
      `    <PrimaryServers>\n      <Server Name="node1_Cluster${c}"/>\n    </PrimaryServers>`,
      `    <BackupServers>\n      <Server Name="node2_Cluster${c}"/>\n    </BackupServers>`,
      `  </ServerCluster>`,
    );
  }
  writeFileSync(path.join(dir, 'plugin-cfg.xml'), `<?xml version="1.0" encoding="UTF-8"?>\n<Config>\n${cl.join('\n')}\n</Config>\n`);
}

function timeRun(dir, jobs) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, path.join(root, 'bin', 'upkeep.js'), 'lint', '-f', 'json', '-j', jobs, '.'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const [user, sys, rssKb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: (user + sys) * 1000, rssMb: rssKb / 1024, out: r.stdout, status: r.status };
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'upkeep-bench-jobs-'));
  try {
    generateDir(dir);
    console.log(`${FILES} files, plugin-cfg.xml with ${CLUSTERS} clusters; ${os.availableParallelism?.() ?? os.cpus().length} cores; medians of ${RUNS}`);
    let reference;
    for (const jobs of ['1', '2', 'auto']) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(timeRun(dir, jobs));
      const out = runs[0].out;
      reference ??= out;
      const findings = JSON.parse(out).length;
      console.log(
        `--jobs ${jobs.padEnd(4)} wall ${median(runs.map(r => r.wall)).toFixed(0)} ms, CPU ${median(runs.map(r => r.cpu)).toFixed(0)} ms, ` +
          `max RSS ${median(runs.map(r => r.rssMb)).toFixed(0)} MB, ${findings} findings, output ${out === reference ? 'identical' : 'DIFFERENT'}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
