// The settings of the ePages hotfix tooling on Linux (seed 003), in our own words: the keys of
// /etc/sysconfig/epages-hotfix (read by /etc/cron.daily/epages-hotfix and /etc/init.d/epages-hotfix)
// and EPAGES_CUSTOM_STORETYPES of /etc/default/epages6.

export const EPAGES_DOCS_URL = 'http://helpcenter.epages.com/Doc/ver_6_17_41/epages/Manual/en/Use_ePages_Hotfixes.html';

export type ValueKind =
  /** exactly `yes`; the script treats everything else as `no` */
  | 'yes-no-strict'
  /** `yes` or `no` */
  | 'yes-no'
  | 'minutes'
  | 'seconds'
  /** digits 0-6, each at most once */
  | 'days'
  /** recipients: user names or e-mail addresses */
  | 'mailto'
  /** a lock file path that must keep its default */
  | 'lock'
  /** free text */
  | 'text'
  /** store type names separated by spaces */
  | 'storetypes';

export interface SettingKey {
  name: string;
  kind: ValueKind;
  /** What it does, one or two sentences. */
  summary: string;
  /** The accepted values, for the hover. */
  values: string;
  /** The documented default (the value used when the line is absent or commented out), if any. */
  defaultValue?: string;
  /** The value of the file as the package installs it, when it differs from the default. */
  shipped?: string;
}

export const HOTFIX_KEYS: readonly SettingKey[] = [
  {
    name: 'YUM_PARAMETER',
    kind: 'text',
    summary:
      'Options added to every yum command the hotfix scripts run. It is global: those scripts call yum in several ways, and an option that suits one call may break another. The installed value limits yum to the hotfix repository.',
    values: 'yum command-line options, in quotes',
    shipped: `"--disablerepo '*' --enablerepo epages-hotfix"`,
  },
  {
    name: 'CHECK_ONLY',
    kind: 'yes-no-strict',
    summary: 'With `yes`, the job only checks whether new hotfixes exist and installs nothing.',
    values: '`yes` or `no`; any other value counts as `no`',
    defaultValue: 'no',
  },
  {
    name: 'DOWNLOAD_ONLY',
    kind: 'yes-no-strict',
    summary: 'With `yes`, the job checks for new hotfixes and downloads them, without installing them.',
    values: '`yes` or `no`; any other value counts as `no`',
    defaultValue: 'no',
  },
  {
    name: 'RANDOMWAIT',
    kind: 'minutes',
    summary:
      'Upper bound, in minutes, of the random pause before the nightly job starts yum (it waits between 1 and this many minutes). Only the cron job pauses; a run from the console starts at once.',
    values: 'a whole number of minutes',
    defaultValue: '60',
    shipped: '10',
  },
  {
    name: 'MAILTO',
    kind: 'mailto',
    summary:
      "Who receives yum's output by e-mail, sent with the `mail` command when it is installed. Left empty, crond mails the output itself.",
    values: 'a user name (e.g. `root`) or e-mail addresses, separated by commas; or empty',
    defaultValue: '',
  },
  {
    name: 'SYSTEMNAME',
    kind: 'text',
    summary: 'The name that tags the e-mails of the job. Only used when MAILTO is set.',
    values: 'any text',
    defaultValue: 'the output of `hostname`',
  },
  {
    name: 'DAYS_OF_WEEK',
    kind: 'days',
    summary: 'The days of the week on which the nightly cron job runs.',
    values: 'digits from 0 to 6, each at most once (`0123456` is every day)',
    defaultValue: '0123456',
  },
  {
    name: 'SERVICE_WAITS',
    kind: 'yes-no',
    summary: 'With `yes`, the epages-hotfix service waits for yum transactions in progress to complete.',
    values: '`yes` or `no`',
    shipped: 'yes',
  },
  {
    name: 'SERVICE_WAIT_TIME',
    kind: 'seconds',
    summary: 'How long, at most, the epages-hotfix service waits for those transactions, in seconds.',
    values: 'a whole number of seconds',
    defaultValue: '300',
    shipped: '3600',
  },
  {
    name: 'LOCK_SUBSYS',
    kind: 'lock',
    summary: 'Lock file of the init script /etc/init.d/epages-hotfix. The file itself says not to change it.',
    values: 'the path below, unchanged',
    defaultValue: '/var/lock/subsys/epages-hotfix',
  },
  {
    name: 'LOCK_CRON',
    kind: 'lock',
    summary: 'Lock file of the cron script /etc/cron.daily/epages-hotfix. The file itself says not to change it.',
    values: 'the path below, unchanged',
    defaultValue: '/var/lock/epages-hotfix.lock/pidfile',
  },
  {
    name: 'LOCK_TS',
    kind: 'lock',
    summary: 'Lock file of the yum transaction. The file itself says not to change it.',
    values: 'the path below, unchanged',
    defaultValue: '/var/lock/epages-hotfix.lock/ts.lock',
  },
];

export const STORETYPES_KEY: SettingKey = {
  name: 'EPAGES_CUSTOM_STORETYPES',
  kind: 'storetypes',
  summary:
    'Your customised store types (those with cartridges of their own), which a hotfix reinstalls when it contains Install/78-ReinstallCustomStoreTypes-shared.PL. Not used for Flex installations; Multistore installations reinstall their store types by hand (`make reinstall_storetype`). The hotfix installer reads it from the environment, hence `export`.',
  values: 'store type names separated by spaces, in quotes: `export EPAGES_CUSTOM_STORETYPES="MyStoreType MyOtherStoreType"`',
};

export const DEFAULT_EPAGES6_KEYS: readonly SettingKey[] = [STORETYPES_KEY];

export type EpagesFileKind = 'hotfix' | 'epages6';

/** Which of the two files a path is (by its last two path segments). */
export function epagesFileKind(path: string): EpagesFileKind | null {
  const norm = path.replace(/\\/g, '/');
  if (/(^|\/)sysconfig\/epages-hotfix$/.test(norm)) return 'hotfix';
  if (/(^|\/)default\/epages6$/.test(norm)) return 'epages6';
  return null;
}

export function keysFor(kind: EpagesFileKind): readonly SettingKey[] {
  return kind === 'hotfix' ? HOTFIX_KEYS : DEFAULT_EPAGES6_KEYS;
}

export function keyInfo(kind: EpagesFileKind, name: string): SettingKey | undefined {
  return keysFor(kind).find(k => k.name === name);
}

/** Environment variables a sourced file may legitimately set for the programs it starts (yum honours proxies). */
export const ENVIRONMENT_NAMES = new Set([
  'http_proxy', 'https_proxy', 'ftp_proxy', 'no_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY',
  'PATH', 'LANG', 'LC_ALL', 'TMPDIR', 'TZ',
]);
