// Valid and invalid cases for every ePages rule: exact findings (line, severity), messages, text after
// the fix, fix safety and reversibility.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester, type InvalidCase, type RuleCase } from '../support/rule-tester';
import { applyReversibly, lintMemory, summary } from '../phasescripts/util';

const HOTFIX = '/ws/etc/sysconfig/epages-hotfix';
const EPAGES6 = '/ws/etc/default/epages6';
const table = (code: string, path: string, valid: RuleCase[], invalid: InvalidCase[]) =>
  ruleTester(code, { valid: valid.map(c => ({ path, ...c })), invalid: invalid.map(c => ({ path, ...c })) });

/** The file as the epages-hotfix-base package installs it (seed 003), comments shortened. */
const INSTALLED = [
  '# Pass any given parameter to yum.',
  `YUM_PARAMETER="--disablerepo '*' --enablerepo epages-hotfix"`,
  "# Don't install, just check (everything else than 'yes' is 'no').",
  'CHECK_ONLY=no',
  'DOWNLOAD_ONLY=no',
  'RANDOMWAIT=10',
  'MAILTO=',
  '#SYSTEMNAME=',
  '#DAYS_OF_WEEK=0123456',
  'SERVICE_WAITS=yes',
  'SERVICE_WAIT_TIME=3600',
  "# Init script lock file (don't change this).",
  'LOCK_SUBSYS=/var/lock/subsys/epages-hotfix',
  'LOCK_CRON=/var/lock/epages-hotfix.lock/pidfile',
  'LOCK_TS=/var/lock/epages-hotfix.lock/ts.lock',
  '',
].join('\n');

test('the installed epages-hotfix file has no finding, in LF and in CRLF', () => {
  assert.deepEqual(summary(lintMemory(HOTFIX, INSTALLED)), []);
  assert.deepEqual(summary(lintMemory(HOTFIX, INSTALLED.replace(/\n/g, '\r\n'))), []);
  assert.deepEqual(summary(lintMemory(HOTFIX, '\uFEFF' + INSTALLED)), []);
});

// ---------------------------------------------------------------- epages/unknown-key
table(
  'epages/unknown-key',
  HOTFIX,
  [
    { text: INSTALLED },
    { text: '#CHECKONLY=yes\n', name: 'comments are not read' },
    { text: 'export http_proxy=http://proxy:3128\nHTTPS_PROXY=http://proxy:3128\n', name: 'proxy variables for yum' },
    { text: 'export MY_FLAG=1\n', name: 'an exported variable is for the programs the script starts' },
  ],
  [
    {
      text: 'CHECKONLY=yes\n',
      findings: ['1:warning'],
      messages: ['The hotfix scripts do not read CHECKONLY, so this line has no effect. Did you mean CHECK_ONLY?'],
      output: 'CHECK_ONLY=yes\n',
    },
    {
      name: 'case matters to the shell',
      text: 'MAILTO=\ncheck_only=yes\n',
      findings: [2],
      messages: ['check_only is not read: shell variable names are case-sensitive and the hotfix scripts read CHECK_ONLY.'],
      output: 'MAILTO=\nCHECK_ONLY=yes\n',
    },
    { name: 'plural', text: 'DAY_OF_WEEK=12345\n', findings: [1], output: 'DAYS_OF_WEEK=12345\n' },
    { name: 'no close key', text: 'FOO=bar\n', findings: [1], messages: [/^The hotfix scripts do not read FOO, so this line has no effect\.$/] },
  ],
);

table(
  'epages/unknown-key',
  EPAGES6,
  [{ text: 'export EPAGES=/srv/epages/eproot\nexport PERL=/srv/epages/eproot/Perl/bin/perl\nexport EPAGES_CUSTOM_STORETYPES="A B"\n', name: 'epages6 sets many variables of its own' }],
  [
    {
      name: 'singular',
      text: 'export EPAGES_CUSTOM_STORETYPE="MyStoreType"\n',
      findings: [1],
      messages: ['EPAGES_CUSTOM_STORETYPE is not read by the hotfix installer; the variable for custom store types is EPAGES_CUSTOM_STORETYPES.'],
      output: 'export EPAGES_CUSTOM_STORETYPES="MyStoreType"\n',
    },
  ],
);

// ---------------------------------------------------------------- epages/invalid-value
table(
  'epages/invalid-value',
  HOTFIX,
  [
    { text: INSTALLED },
    { text: 'CHECK_ONLY="yes"\nDOWNLOAD_ONLY=\'no\'\n', name: 'quoted' },
    { text: 'DAYS_OF_WEEK=0123456\nDAYS_OF_WEEK=15\nDAYS_OF_WEEK="6"\n' },
    { text: 'RANDOMWAIT=0\nSERVICE_WAIT_TIME=300\n' },
    { text: 'MAILTO=root\nMAILTO=ops@example.com,admin@shop.example.org\nMAILTO="a@example.com b@example.com"\nMAILTO="Ops <ops@example.com>"\n' },
    { text: 'CHECK_ONLY=$FORCE_CHECK\nRANDOMWAIT=$((5*2))\n', name: 'values the shell computes are not judged' },
    { text: 'YUM_PARAMETER="--anything goes"\nSYSTEMNAME=shop-01\n', name: 'free text' },
  ],
  [
    {
      name: 'YES counts as no',
      text: 'CHECK_ONLY=YES\n',
      findings: ['1:warning'],
      messages: ['CHECK_ONLY=YES counts as "no": the hotfix script takes only the exact word yes as yes. Write yes if that is what you mean.'],
      output: 'CHECK_ONLY=yes\n',
    },
    { name: 'true counts as no', text: 'DOWNLOAD_ONLY="true"\n', findings: ['1:warning'], output: 'DOWNLOAD_ONLY="yes"\n' },
    { name: 'NO is no anyway', text: 'DOWNLOAD_ONLY=NO\n', findings: ['1:information'], messages: ['DOWNLOAD_ONLY is "NO", which the hotfix script reads as "no"; write no.'], output: 'DOWNLOAD_ONLY=no\n' },
    { name: 'empty is no', text: 'CHECK_ONLY=\n', findings: ['1:information'], output: 'CHECK_ONLY=no\n' },
    { name: 'anything else', text: 'CHECK_ONLY=maybe\n', findings: ['1:warning'], messages: ['reads every value other than yes as "no"'] },
    { name: 'SERVICE_WAITS', text: 'SERVICE_WAITS=true\n', findings: [1], messages: ['SERVICE_WAITS takes yes or no, not "true".'], output: 'SERVICE_WAITS=yes\n' },
    { name: 'minutes with a unit', text: 'RANDOMWAIT=10m\n', findings: [1], messages: ['RANDOMWAIT is a whole number of minutes, without unit; "10m" is not.'], output: 'RANDOMWAIT=10\n' },
    { name: 'hours to minutes', text: 'RANDOMWAIT=1h\n', findings: [1], output: 'RANDOMWAIT=60\n' },
    { name: 'seconds with a unit', text: 'SERVICE_WAIT_TIME=5min\n', findings: [1], output: 'SERVICE_WAIT_TIME=300\n' },
    { name: 'seconds that are no whole minute: no fix', text: 'RANDOMWAIT=90s\n', findings: [1], output: 'RANDOMWAIT=90s\n' },
    { name: 'not a number', text: 'SERVICE_WAIT_TIME=-1\n', findings: [1] },
    { name: 'commas', text: 'DAYS_OF_WEEK=1,2,3,4,5\n', findings: [1], messages: ['DAYS_OF_WEEK is a run of digits without separators (e.g. 12345), not "1,2,3,4,5".'], output: 'DAYS_OF_WEEK=12345\n' },
    { name: 'repeated day', text: 'DAYS_OF_WEEK=01123\n', findings: [1], messages: ['lists a day twice'], output: 'DAYS_OF_WEEK=0123\n' },
    { name: 'range', text: 'DAYS_OF_WEEK="1-5"\n', findings: [1], messages: ['not a range: 1-5 is 12345'], output: 'DAYS_OF_WEEK="12345"\n' },
    { name: 'day 7', text: 'DAYS_OF_WEEK=1237\n', findings: [1], messages: ['There is no day 7'], output: 'DAYS_OF_WEEK=1237\n' },
    { name: 'a name', text: 'DAYS_OF_WEEK=Mon\n', findings: [1], messages: ['not names: "Mon" is 1.'], output: 'DAYS_OF_WEEK=1\n' },
    {
      name: 'issue 14: names with commas (the message said holds "Mon,WedFri")',
      text: 'DAYS_OF_WEEK="Mon,Wed,Fri"\n',
      findings: [1],
      messages: ['DAYS_OF_WEEK takes the days as digits 0 to 6 (0 is Sunday, 1 Monday ... 6 Saturday), not names: "Mon,Wed,Fri" is 135.'],
      output: 'DAYS_OF_WEEK="135"\n',
    },
    { name: 'a range of names', text: 'DAYS_OF_WEEK="Mon-Fri Sun"\n', findings: [1], messages: ['is 012345.'], output: 'DAYS_OF_WEEK="012345"\n' },
    { name: 'words that are no days: each named once', text: 'DAYS_OF_WEEK="Mon,x,yy"\n', findings: [1], messages: ['; "Mon,x,yy" holds "x", "yy".'], output: 'DAYS_OF_WEEK="Mon,x,yy"\n' },
    { name: 'blanks around commas', text: 'DAYS_OF_WEEK="1 ,  2;3"\n', findings: [1], output: 'DAYS_OF_WEEK="123"\n' },
    { name: 'empty', text: 'DAYS_OF_WEEK=\n', findings: [1], messages: ['is empty, so it lists no day'], output: 'DAYS_OF_WEEK=0123456\n' },
    { name: 'semicolons between recipients', text: 'MAILTO="a@example.com; b@example.com"\n', findings: [1], output: 'MAILTO="a@example.com,b@example.com"\n' },
    { name: 'broken address', text: 'MAILTO=ops@,root\n', findings: [1], messages: ['MAILTO holds "ops@", which is neither a user name nor an e-mail address.'] },
  ],
);

table(
  'epages/invalid-value',
  EPAGES6,
  [
    { text: 'export EPAGES_CUSTOM_STORETYPES="MyStoreType MyOtherStoreType"\n', name: 'the documented line' },
    { text: 'export EPAGES_CUSTOM_STORETYPES=""\nexport EPAGES_CUSTOM_STORETYPES=Single\n' },
    { text: 'export EPAGES_CUSTOM_STORETYPES="$EXTRA_TYPES Mine"\n', name: 'expansions are not judged' },
    { text: 'CHECK_ONLY=YES\n', name: 'hotfix keys mean nothing in epages6' },
  ],
  [
    {
      name: 'commas',
      text: 'export EPAGES_CUSTOM_STORETYPES="MyStoreType,MyOtherStoreType"\n',
      findings: [1],
      messages: ['EPAGES_CUSTOM_STORETYPES is a list separated by spaces, not by "," or ";": the installer would look for a store type named "MyStoreType,MyOtherStoreType".'],
      output: 'export EPAGES_CUSTOM_STORETYPES="MyStoreType MyOtherStoreType"\n',
    },
    { name: 'unquoted commas get quotes with the spaces', text: 'export EPAGES_CUSTOM_STORETYPES=A,B\n', findings: [1], output: 'export EPAGES_CUSTOM_STORETYPES="A B"\n' },
    { name: 'repeated', text: 'export EPAGES_CUSTOM_STORETYPES="A B A"\n', findings: [1], messages: ['lists A more than once'], output: 'export EPAGES_CUSTOM_STORETYPES="A B"\n' },
    { name: 'not a name', text: "export EPAGES_CUSTOM_STORETYPES='My/StoreType'\n", findings: [1], messages: ['"My/StoreType" is not a store type name'] },
  ],
);

test('epages/invalid-value: safe only where the behaviour cannot change', () => {
  const safety = (path: string, text: string) => lintMemory(path, text).findings.map(f => `${f.code}:${f.fixes?.map(x => x.safe).join(',')}`);
  assert.deepEqual(safety(HOTFIX, 'DOWNLOAD_ONLY=NO\n'), ['epages/invalid-value:true'], 'no and NO read the same');
  assert.deepEqual(safety(HOTFIX, 'CHECK_ONLY=YES\n'), ['epages/invalid-value:false'], 'YES reads as no: yes changes behaviour');
  assert.deepEqual(safety(HOTFIX, 'DAYS_OF_WEEK=011\n'), ['epages/invalid-value:true'], 'same days');
  assert.deepEqual(safety(HOTFIX, 'RANDOMWAIT=10m\n'), ['epages/invalid-value:false']);
  assert.deepEqual(safety(EPAGES6, 'export EPAGES_CUSTOM_STORETYPES="A A"\n'), ['epages/invalid-value:true']);
});

// ---------------------------------------------------------------- epages/lock-file-changed
table(
  'epages/lock-file-changed',
  HOTFIX,
  [{ text: INSTALLED }, { text: 'LOCK_TS="/var/lock/epages-hotfix.lock/ts.lock"\n', name: 'quoted default' }],
  [
    {
      text: 'LOCK_CRON=/tmp/epages-hotfix.pid\n',
      findings: ['1:warning'],
      messages: ['LOCK_CRON is /tmp/epages-hotfix.pid instead of /var/lock/epages-hotfix.lock/pidfile. The file says not to change the lock files'],
      output: 'LOCK_CRON=/var/lock/epages-hotfix.lock/pidfile\n',
    },
    { name: 'quoted', text: "LOCK_SUBSYS='/var/lock/subsys/epages'\n", findings: [1], output: "LOCK_SUBSYS='/var/lock/subsys/epages-hotfix'\n" },
    { name: 'emptied', text: 'LOCK_TS=\n', findings: [1], messages: ['LOCK_TS is empty instead of'], output: 'LOCK_TS=/var/lock/epages-hotfix.lock/ts.lock\n' },
  ],
);

// ---------------------------------------------------------------- epages/shell-syntax
table(
  'epages/shell-syntax',
  HOTFIX,
  [
    { text: INSTALLED },
    { text: 'YUM_PARAMETER="a b" # trailing comment\nCHECK_ONLY=no; DOWNLOAD_ONLY=no\n' },
    { text: 'YUM_PARAMETER="--disablerepo \'*\' \\\n  --enablerepo epages-hotfix"\n', name: 'a quoted value over two lines' },
    { text: 'if [ -f /etc/x ]; then\n  MAILTO=root\nfi\n', name: 'other statements are skipped' },
  ],
  [
    {
      name: 'the installed YUM_PARAMETER without its quotes',
      text: "YUM_PARAMETER=--disablerepo '*' --enablerepo epages-hotfix\n",
      findings: ['1:error'],
      messages: [`The value ends at the first blank: the shell sets YUM_PARAMETER to "--disablerepo" only for a command "'*' --enablerepo epages-hotfix" that it then tries to run, and the setting is lost. Put the whole value in double quotes.`],
      output: `YUM_PARAMETER="--disablerepo '*' --enablerepo epages-hotfix"\n`,
    },
    {
      name: 'blank after =',
      text: 'MAILTO= root\n',
      findings: [1],
      messages: ['The blank after "=" ends the value: the shell sets MAILTO to an empty value only for a command "root" that it then tries to run, and the setting is lost.'],
      output: 'MAILTO=root\n',
    },
    { name: 'blank after = before several words', text: 'MAILTO= a@example.com b@example.com\n', findings: [1], output: 'MAILTO="a@example.com b@example.com"\n' },
    { name: 'no fix over quotes', text: 'YUM_PARAMETER="a" b\n', findings: [1], output: 'YUM_PARAMETER="a" b\n' },
    {
      name: 'spaces around =',
      text: 'CHECK_ONLY=no\nSERVICE_WAITS = yes\n',
      findings: ['2:error'],
      messages: ['Spaces around "=": the shell runs a command named SERVICE_WAITS instead of setting the variable. Write SERVICE_WAITS=value.'],
      output: 'CHECK_ONLY=no\nSERVICE_WAITS=yes\n',
    },
    { name: 'unclosed quote', text: 'MAILTO="root\nCHECK_ONLY=no\n', findings: [1], messages: ['The value of MAILTO opens a quote (or a "$(") that is never closed'] },
  ],
);

// ---------------------------------------------------------------- epages/not-exported
table(
  'epages/not-exported',
  EPAGES6,
  [
    { text: 'export EPAGES_CUSTOM_STORETYPES="A B"\n' },
    { text: 'EPAGES_CUSTOM_STORETYPES="A B"\nexport EPAGES_CUSTOM_STORETYPES\n', name: 'exported on its own line' },
    { text: 'set -a\nEPAGES_CUSTOM_STORETYPES="A B"\n', name: 'set -a exports everything after it' },
    { text: 'declare -x EPAGES_CUSTOM_STORETYPES="A B"\n' },
  ],
  [
    {
      text: '# custom store types\nEPAGES_CUSTOM_STORETYPES="MyStoreType"\n',
      findings: ['2:warning'],
      messages: ['EPAGES_CUSTOM_STORETYPES is set but not exported'],
      output: '# custom store types\nexport EPAGES_CUSTOM_STORETYPES="MyStoreType"\n',
    },
    { name: 'set -a after the line does not count', text: 'EPAGES_CUSTOM_STORETYPES=A\nset -a\n', findings: [1] },
    { name: 'readonly: no fix', text: 'readonly EPAGES_CUSTOM_STORETYPES=A\n', findings: [1], output: 'readonly EPAGES_CUSTOM_STORETYPES=A\n' },
  ],
);

test('epages/not-exported: the fix is safe and reversible', () => {
  const text = 'EPAGES_CUSTOM_STORETYPES="A"\r\n';
  const [f] = lintMemory(EPAGES6, text).findings;
  assert.equal(f.fixes?.[0].safe, true);
  assert.equal(applyReversibly(text, f.fixes![0]), 'export EPAGES_CUSTOM_STORETYPES="A"\r\n');
});

// ---------------------------------------------------------------- epages/ignored-setting
table(
  'epages/ignored-setting',
  HOTFIX,
  [{ text: INSTALLED }, { text: 'MAILTO=root\nSYSTEMNAME=shop1\n' }, { text: 'SYSTEMNAME=\n' }, { text: 'MAILTO=$ADMIN\nSYSTEMNAME=shop1\n' }],
  [
    {
      text: 'MAILTO=\nSYSTEMNAME=shop1\n',
      findings: ['2:hint'],
      messages: ['SYSTEMNAME only tags the e-mails the job sends to MAILTO, and MAILTO is empty: this setting has no effect.'],
    },
    { name: 'MAILTO absent', text: 'SYSTEMNAME=shop1\n', findings: [1], messages: ['MAILTO is not set'] },
  ],
);

test('every ePages fix is reversible', () => {
  const text = "CHECK_ONLY=YES\r\nRANDOMWAIT=2h\r\nDAYS_OF_WEEK=1,2\r\nLOCK_TS=/x\r\nCHECKONLY=1\r\nYUM_PARAMETER=a b\r\nMAILTO = root\r\n";
  const r = lintMemory(HOTFIX, text);
  assert.deepEqual(summary(r), [
    'epages/invalid-value@1',
    'epages/invalid-value@2',
    'epages/invalid-value@3',
    'epages/lock-file-changed@4',
    'epages/unknown-key@5',
    'epages/shell-syntax@6',
    'epages/shell-syntax@7',
  ]);
  for (const f of r.findings) for (const fix of f.fixes ?? []) applyReversibly(text, fix);
});

test('issue 14: a range and day names get a fix (offered, not applied by --fix: it changes which days run)', () => {
  for (const [value, to] of [['"1-5"', '12345'], ['"Mon,Wed,Fri"', '135']]) {
    const f = lintMemory(HOTFIX, `DAYS_OF_WEEK=${value}\n`).findings.filter(x => x.code === 'epages/invalid-value');
    assert.equal(f.length, 1);
    assert.deepEqual(f[0].fixes?.map(x => [x.title, x.safe]), [[`Change to ${to}`, false]]);
  }
});

test('issue 13/14: DAYS_OF_WEEK with a long run of blanks is read in one pass (was quadratic: 8 s for 100 KB)', () => {
  // Not a timing assertion: the result must be right; `npm run bench` shows the time.
  // (main before the fix: 61 s for the second value, whose end does not match; now well under 1 s)
  const value = '1' + ' '.repeat(100_000) + ',2';
  const f = lintMemory(HOTFIX, `DAYS_OF_WEEK="${value}"\n`).findings.filter(x => x.code === 'epages/invalid-value');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /run of digits without separators/);
  const bad = lintMemory(HOTFIX, `DAYS_OF_WEEK="1${' '.repeat(100_000)}x"\n`).findings.filter(x => x.code === 'epages/invalid-value');
  assert.equal(bad.length, 1);
  assert.match(bad[0].message, /holds "x"/);
});
