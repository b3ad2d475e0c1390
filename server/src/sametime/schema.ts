// What Upkeep knows about the two files the Sametime rich client pulls from its update site:
// managed-settings.xml (preferences, ManagedSettings / settingGroup / setting) and
// managed-community-configs.xml (server communities, managed-communities / managed-community and
// managed-community-action). One table feeds the rules, hover and completion. Element and attribute
// names and value lists come from HCL's Sametime documentation (see docs/design reference section 3.3
// and the corpus snippets); every description is in our own words.

export const HCL_SETTINGS_URL = 'https://opensource.hcltechsw.com/sametime-doc/v1202/admin/config_client_xml_file.html';
export const HCL_COMMUNITY_URL = 'https://opensource.hcltechsw.com/sametime-doc/v1202/admin/managed_community.html';

export type SametimeFileKind = 'settings' | 'communities';

export type ValueKind =
  | { type: 'string' }
  | { type: 'boolean' }
  | { type: 'port' }
  | { type: 'integer' }
  | { type: 'date' }
  | { type: 'action' }
  | { type: 'enum'; values: string[] }
  | { type: 'community-ref' };

export interface AttributeInfo {
  name: string;
  kind: ValueKind;
  /** What it does, in our words (markdown). */
  doc: string;
  default?: string;
  required?: boolean;
}

export interface ElementInfo {
  name: string;
  /** Elements it belongs in ('' = it is the root). */
  parents: string[];
  file: SametimeFileKind;
  doc: string;
  attributes: AttributeInfo[];
}

/** The action types, as HCL's examples write them (lower case). */
export const ACTION_TYPES = ['add', 'update', 'delete', 'reset'] as const;

export const ACTION_DOCS: Record<string, string> = {
  add: 'Adds the community as a secondary community for users who do not have it yet. It cannot be removed by the user afterwards.',
  update:
    'Changes the communities whose host equals this community\'s `host`: the attributes given here overwrite the user\'s, and `newHost` moves them to another server. Nothing happens when nothing differs.',
  delete: 'Removes a secondary community from the client. The default community cannot be removed this way.',
  reset:
    'Makes this community the new default community at the next restart. When the file holds a reset action it is applied first and every other action is ignored.',
};

/** Connection types the community documentation lists (it says "valid values include"). */
export const CONNECTION_TYPES = [
  'direct',
  'tls-direct',
  'http-direct',
  'socks4-proxy',
  'socks5-proxy',
  'http-proxy',
  'https-proxy',
  'reverse-proxy',
  'useBrowserSettings',
];

const bool = (name: string, doc: string, def?: string): AttributeInfo => ({ name, kind: { type: 'boolean' }, doc, default: def });
const str = (name: string, doc: string, extra: Partial<AttributeInfo> = {}): AttributeInfo => ({ name, kind: { type: 'string' }, doc, ...extra });
const port = (name: string, doc: string, def?: string): AttributeInfo => ({ name, kind: { type: 'port' }, doc, default: def });

const CONNECTION_TYPE: AttributeInfo = {
  name: 'connectionType',
  kind: { type: 'enum', values: CONNECTION_TYPES },
  doc: 'How the client reaches the community server: directly (`direct`, `tls-direct`), tunnelled over HTTP (`http-direct`), or through a proxy (`socks4-proxy`, `socks5-proxy`, `http-proxy`, `https-proxy`, `reverse-proxy`), or as the browser is configured (`useBrowserSettings`). A value other than `direct` also needs `useGlobalConnContext="true"`.',
};

const COMMUNITY_ATTRIBUTES: AttributeInfo[] = [
  str('id', 'Identifies this community inside the file: a `managed-community-action` names it in `managed-community-id`. HCL recommends the same value as `host`.', { required: true }),
  str('host', 'The community server this entry is about. The client only touches the communities it already has (or adds) whose host is exactly this name.', { required: true }),
  str('newHost', 'Moves matching communities to this server. Only an `update` action uses it; the contact list is kept, so the new server must know the same users (otherwise use a `reset` action).'),
  str('name', 'Display name of the community. HCL advises against setting it here; the server\'s `ST_COMMUNITY_ID` in sametime.ini names the community for every client.'),
  port('port', 'Port of the community server, when it is not the default 1533. Clients behind firewalls that block 1533 use HTTP tunnelling on port 80 (the server must accept tunnelled connections there).', '1533'),
  CONNECTION_TYPE,
  bool('useGlobalConnContext', 'Use the client\'s global connection settings. Must be `true` when `connectionType` is anything but `direct`.'),
  bool('useGlobalConnSettings', 'Spelling used by HCL\'s sample file for the global connection switch (the attribute table calls it `useGlobalConnContext`).'),
  str('proxyHost', 'Host name of the proxy the client goes through.'),
  port('proxyPort', 'Port of the proxy the client goes through.'),
  str('authServerUrl', 'URL of the server that issues single sign-on tokens for this community.'),
  str('authType', 'Single sign-on method, for example `TAM-SPNEGO` or `ST-DOMINO-SSO`.'),
  bool('loginByToken', 'Log in with a token (SSO) instead of a user name and password; the password is still tried when the token fails.'),
  bool('loginAtStartup', 'Log in to this community when the client starts. Set it only to force the choice: users cannot keep another value.'),
  bool('savePassword', 'Remember the user\'s password for this community.'),
  bool('sendKeepAlive', 'Send keep-alive signals so that idle connections stay open.'),
  { name: 'keepAliveInterval', kind: { type: 'integer' }, doc: 'How often the keep-alive signal is sent (in seconds).' },
  bool('deleteOverlappingCommunities', 'After hosts are merged, drop the duplicate communities (same host and user) this leaves on the client.', 'false'),
];

export const ELEMENTS: ElementInfo[] = [
  {
    name: 'ManagedSettings',
    parents: [''],
    file: 'settings',
    doc: 'The root of managed-settings.xml: one `settingGroup` per preference node of the client, each holding `setting` elements.',
    attributes: [],
  },
  {
    name: 'settingGroup',
    parents: ['ManagedSettings'],
    file: 'settings',
    doc: 'The preferences of one plug-in of the client. `name` is the plug-in\'s preference qualifier (for example `com.ibm.collaboration.realtime.chat.logging`); `lastModDate` decides whether clients apply the group again.',
    attributes: [
      str('name', 'The preference qualifier the settings belong to, usually the plug-in ID (`com.ibm.collaboration.realtime.chatwindow`). The preference tables of the HCL documentation give it per table.', { required: true }),
      {
        name: 'lastModDate',
        kind: { type: 'date' },
        doc: 'When the group last changed. A client that already applied the group applies it again only when this value changes, so change it with every edit of the group ("Bump lastModDate" does). Without it, the group is applied at every refresh. HCL documents `20210211T173921` (year month day T hour minute second) and also shows `2021-02-11T17:39:21-05`.',
      },
    ],
  },
  {
    name: 'setting',
    parents: ['settingGroup'],
    file: 'settings',
    doc: 'One preference: its key (`name`), the value the client gets, and whether users may change it.',
    attributes: [
      str('name', 'The preference key inside the group, as the preference tables spell it (case matters).', { required: true }),
      str('value', 'The value the client receives, always as text; booleans are `true` / `false`.'),
      bool('isLocked', 'Locked settings are read-only for the user, and whatever changes them is overwritten again. `false` makes the value a default the user may change.', 'true'),
      bool('overwriteUnlocked', 'For an unlocked setting: replace a value the user already has. By default an unlocked setting only fills in values the user never set.', 'false'),
      bool('restartRequired', 'Ask the user to restart the client after this setting changed, for preferences that are only read at start-up.', 'false'),
    ],
  },
  {
    name: 'managed-communities',
    parents: [''],
    file: 'communities',
    doc: 'The root of managed-community-configs.xml: `managed-community` elements describe communities, `managed-community-action` elements say what to do with them.',
    attributes: [bool('deleteOverlappingCommunities', 'After hosts are merged, drop the duplicate communities (same host and user) this leaves on the client.', 'false')],
  },
  {
    name: 'managed-community-configs',
    parents: [''],
    file: 'communities',
    doc: 'A root element named after the file. HCL\'s examples use `<managed-communities>` as the root of managed-community-configs.xml.',
    attributes: [bool('deleteOverlappingCommunities', 'After hosts are merged, drop the duplicate communities (same host and user) this leaves on the client.', 'false')],
  },
  {
    name: 'managed-community',
    parents: ['managed-communities', 'managed-community-configs'],
    file: 'communities',
    doc: 'A server community and the connection attributes to enforce. It does nothing by itself: a `managed-community-action` must name its `id`. Give only the attributes you want to enforce; users cannot keep other values for them.',
    attributes: COMMUNITY_ATTRIBUTES,
  },
  {
    name: 'connection',
    parents: ['managed-community'],
    file: 'communities',
    doc: 'Connection details of the enclosing community (HCL\'s sample uses it for a reverse proxy).',
    attributes: [
      CONNECTION_TYPE,
      str('proxyHost', 'Host name or URL of the proxy the client goes through.'),
      port('proxyPort', 'Port of the proxy the client goes through.'),
      str('proxyUserName', 'User name for the proxy.'),
      str('proxyPassword', 'Password for the proxy.'),
      bool('proxyResolvesLocally', 'Resolve host names on the client instead of through the proxy.'),
    ],
  },
  {
    name: 'managed-community-action',
    parents: ['managed-communities', 'managed-community-configs'],
    file: 'communities',
    doc: 'What to do with one `managed-community` of this file: `add`, `update`, `delete` or `reset`.',
    attributes: [
      { name: 'type', kind: { type: 'action' }, doc: 'The action: `add`, `update`, `delete` or `reset` (HCL writes them in lower case).', required: true },
      { name: 'managed-community-id', kind: { type: 'community-ref' }, doc: 'The `id` of the `managed-community` this action applies to; it must be defined in this file.', required: true },
      bool('restart', 'For `update`: restart the client after the change. By default only a host change restarts it; `false` prevents even that.'),
      bool('applyDefaultCommunityUsername', 'For `add`: give the new community the user name of the default community.'),
      bool('createNewConfig', 'For `reset`: start the new default community from scratch (empty user name and password) instead of carrying over the old one\'s.', 'false'),
    ],
  },
];

const BY_NAME = new Map(ELEMENTS.map(e => [e.name, e]));

export function elementInfo(name: string): ElementInfo | undefined {
  return BY_NAME.get(name);
}

export function attributeInfo(el: ElementInfo, name: string): AttributeInfo | undefined {
  return el.attributes.find(a => a.name === name);
}

/** Elements that define or act on communities: they belong in managed-community-configs.xml. */
export const COMMUNITY_ELEMENTS = new Set(['managed-communities', 'managed-community-configs', 'managed-community', 'managed-community-action']);

// ---------------------------------------------------------------------------------------------------
// The settings catalogue: preference groups and keys that HCL's preference tables (and the corpus
// examples) name, each with a one-line description in our words. It feeds completion and hover;
// it is not a validation list (any plug-in's preferences can be managed).

export type SettingKind = 'boolean' | 'integer' | 'string' | 'port' | { values: string[] };

export interface SettingInfo {
  name: string;
  kind: SettingKind;
  doc: string;
  default?: string;
}

export interface GroupInfo {
  name: string;
  doc: string;
  settings: SettingInfo[];
}

const b = (name: string, doc: string, def?: string): SettingInfo => ({ name, kind: 'boolean', doc, default: def });
const n = (name: string, doc: string, def?: string): SettingInfo => ({ name, kind: 'integer', doc, default: def });
const s = (name: string, doc: string, def?: string): SettingInfo => ({ name, kind: 'string', doc, default: def });

export const COMMUNITY_GROUP = 'com.ibm.collaboration.realtime.community';

export const GROUPS: GroupInfo[] = [
  {
    name: 'com.ibm.collaboration.realtime.chat.logging',
    doc: 'Chat history: whether and where transcripts are saved, and for how long.',
    settings: [
      { name: 'logging.default', kind: { values: ['0', '1', '2'] }, doc: 'What happens to a chat when it ends: `0` save it, `1` do not save it, `2` ask the user.' },
      b('logging.enabled', 'Keep a local copy of chat transcripts (only when the server policy allows saving).', 'false'),
      n('days.storage.max', 'Saved transcripts older than this many days are deleted (the server policy can override it).'),
      b('delete.old', 'Delete old saved transcripts (the server policy can override it).'),
      b('schedule.delete.old', 'Run the twice-daily clean-up of old local transcripts (when the server policy enables it).', 'false'),
      b('display.context', 'Show today\'s earlier transcript with the same person when a chat window opens.'),
      b('display.context.background', 'Highlight the earlier transcript shown in a chat window.'),
      s('root.location', 'Folder for automatically saved chats; write `/` or `\\\\` as separator.'),
      s('save.file.location', 'Default folder for chats saved by hand; write `/` or `\\\\` as separator.'),
      b('prompt.save', 'Confirm after a chat was saved to the mail file by hand.'),
      b('reset.user.resets.logging.prefs', 'Ask the user to set the logging preferences again after the user was reset.', 'false'),
      b('firsttime.askprefs', 'Ask for the logging preferences at the first start (set `logging.enabled` as well).', 'true'),
    ],
  },
  {
    name: 'com.ibm.collaboration.realtime.chat.logging.ui',
    doc: 'Chat history window.',
    settings: [
      b('allowSaveOverride', 'Offer "Prevent transcript save" in the chat window\'s Tools menu.', 'true'),
      b('noPersonListLiveNames', 'Show plain names (no live names) in the history viewer\'s person list.', 'false'),
    ],
  },
  {
    name: 'com.ibm.collaboration.realtime.chatwindow',
    doc: 'The chat window: what it shows and how it behaves.',
    settings: [
      b('showuserinfo', 'Show the partner\'s business card in the chat window.', 'true'),
      b('showtimestamp', 'Show the time of each message.', 'true'),
      b('showdatestamp', 'Show the date of each message.'),
      b('showemoticons', 'Show emoticons as pictures.', 'true'),
      b('usemyfont', 'Show the partner\'s messages in my font.', 'false'),
      b('entersend', 'Enter sends the message (Shift+Enter starts a new line).', 'true'),
      b('showstatusupdates', 'Show the partner\'s status changes in the transcript.', 'false'),
      b('esccloses', 'Escape closes the chat window.', 'true'),
      b('showuserleft', 'Say so when the partner closed the chat window.', 'false'),
      b('warnWhenInMtg', 'Warn before chatting with someone who is in a meeting.', 'true'),
      b('warnWhenAway', 'Warn before chatting with someone who is away.', 'true'),
      b('dontPopWhenMin', 'Keep a window the user minimised in the background when a message arrives.', 'true'),
      b('showActionBar', 'Show the action toolbar.', 'true'),
      b('showStatusBar', 'Show the status bar at the bottom of the window.', 'true'),
      b('showToolsBar', 'Show the message tools bar.', 'true'),
      b('showSendButton', 'Show a Send button.'),
      b('showQuickFind', 'Show quick find in the tabbed chat window.'),
      b('useTabs', 'Put all chats in one window with tabs.', 'false'),
      b('horizontalTabs', 'Tabs along the top instead of down the side (with `useTabs`).', 'false'),
      b('sortTabs', 'Sort the tabs of the tabbed chat window.', 'false'),
      b('warnNewMessageArrived', 'Warn when the window is closed just as a message arrives.', 'true'),
      b('useDefaultGO', 'Use the system\'s text direction in the typing area.', 'true'),
      { name: 'timeformat', kind: { values: ['12', '24'] }, doc: 'Clock used for time stamps: `12` or `24` hours.', default: '12' },
      b('maxChatsShowWarn', 'Warn when the tabbed window holds more chats than `maxChats`.'),
      n('maxChats', 'Number of chats in the tabbed window above which the user is warned.', '50'),
      b('saveChats', 'Reopen the open chats in the next session.'),
      n('transcript.view.limit', 'Lines kept in a chat window; `0` keeps everything.', '0'),
      b('persistPosition', 'Open new chat windows where the last one was closed.'),
      b('replyWithOfflineMessageContent', 'Quote the offline message when replying to it.', 'true'),
      b('disableInlineIME', 'Turn off inline input method editing in the typing area (for IMEs that misbehave).', 'false'),
      b('autoAcceptInvitation', 'Join group chats without having to accept the invitation.', 'true'),
      b('allowOthersToSeeTranscript', 'People invited later into a chat see what was said before.', 'true'),
    ],
  },
  {
    name: 'com.ibm.collaboration.realtime.application',
    doc: 'General client behaviour.',
    settings: [b('enableNwayRichText', 'Allow rich text in group chats (used only when every participant has it on).', 'false')],
  },
  {
    name: 'com.ibm.collaboration.realtime.rtcadapter',
    doc: 'Rich text in chats.',
    settings: [
      b('disableRichText', 'Send plain text only, in every chat.', 'false'),
      b('disableRichTextWithAnon', 'Send plain text only to anonymous users.', 'false'),
    ],
  },
  {
    name: 'com.ibm.collaboration.realtime.imhub',
    doc: 'The contact list window.',
    settings: [b('sortGroups', 'Sort the groups of the contact list alphabetically.')],
  },
  {
    name: 'com.ibm.collaboration.realtime.update',
    doc: 'Restarts after an administrator-pushed client update.',
    settings: [
      {
        name: 'restartAction',
        kind: { values: ['restart.now', 'restart.now.or.later', 'restart.on.next.login', 'restart.now.no.prompt'] },
        doc: 'How the client restarts after an update: ask now, ask now or later, wait for the next log-in, or restart without asking.',
        default: 'restart.now.or.later',
      },
      n('restartRemindDelayMinutes', 'Minutes before the user is asked again to restart after an update.', '5'),
      n('firstTimeRestartDelayMinutes', 'Minutes before the first restart prompt after an update.', '0'),
    ],
  },
  {
    name: 'com.ibm.collaboration.realtime.ui',
    doc: 'E-mail and browser programs the client starts.',
    settings: [
      b('AllowEMailFunction', 'Offer the e-mail menu entries and buttons.', 'true'),
      b('external.application.use.default.mail', 'Use the system\'s default mail program.', 'true'),
      s('external.application.mail', 'Mail program to use (for example Notes or Thunderbird).'),
      b('external.application.use.custom.browser', 'Use a custom browser (Linux).'),
      s('external.custom.browser', 'The custom browser (Linux).'),
      b('disableHostnameWarning', 'Do not warn when a server name is not fully qualified.', 'false'),
    ],
  },
  {
    name: 'com.ibm.collaboration.realtime.alertmanager',
    doc: 'Notifications: alert pop-ups and sounds.',
    settings: [
      { name: 'pref_alertbubble_window_corner', kind: { values: ['NE', 'NW', 'SE', 'SW'] }, doc: 'Corner of the screen where alerts pop up.', default: 'SE' },
      b('pref_alertbubble_close_alerts', 'Close alerts by themselves after a delay.'),
      n('pref_alertbubble_close_alerts_delay', 'Seconds before an alert closes by itself.'),
      { name: 'pref_alertbubble_animation', kind: { values: ['none', 'slide', 'fade'] }, doc: 'How alerts appear.', default: 'slide' },
      b('pref_alertbubble_flash_taskbar', 'Flash the task bar for a new pop-up.'),
      b('pref_event_0_playsound', 'Play a sound when a new chat opens.'),
      s('pref_event_0_soundfile', 'Sound file (.wav) for new chats; write `/` as path separator.'),
      b('pref_event_1_playsound', 'Play a sound for an invitation to a group chat.'),
      b('pref_event_2_playsound', 'Play a sound for announcements.'),
      b('allow_response', 'Let recipients of an announcement answer it.'),
    ],
  },
  {
    name: COMMUNITY_GROUP,
    doc: 'The default server community. HCL asks to push connection settings (host, port, connection type, authentication) through managed-community-configs.xml instead.',
    settings: [
      s('host', 'Community server the client connects to.'),
      { name: 'port', kind: 'port', doc: 'Port of the community server.', default: '1533' },
      s('name', 'Display name of the default community.'),
      { name: 'connectionType', kind: { values: CONNECTION_TYPES }, doc: 'How the client reaches the community server (direct, HTTP tunnelling, proxies).' },
      s('proxyHost', 'Proxy the client goes through.'),
      { name: 'proxyPort', kind: 'port', doc: 'Port of that proxy.' },
      s('authServerUrl', 'URL of the server that issues SSO tokens.'),
      s('defaultAuthType', 'SSO method of the default community (empty for user name and password, `ST-DOMINO-SSO`, `SAML`).'),
      b('loginByToken', 'Log in with an SSO token instead of a password.'),
      b('tokenLoginOnly', 'Only ever log in with a token.'),
      b('loginAtStartup', 'Log in when the client starts.'),
      b('savePassword', 'Remember the password.', 'false'),
      s('useCanonicalNamesOverride', 'Appears (with value `1`) in published HTTP tunnelling walk-throughs; HCL\'s preference tables do not describe it.'),
      b('keepAlive', 'Keep the connection open while the user is idle.', 'true'),
      n('keepAliveInterval', 'Seconds between keep-alive signals.', '60'),
      n('loginTokenRefreshInterval', 'Milliseconds between refreshes of the login token.', '900000'),
      b('kioskMode', 'Shared computer: forget personal data at log-out (no saved password or automatic log-in).'),
      b('logoutWhenIdle', 'Log out when the user is idle.'),
      b('logoutWhenIdleOverride', 'Force `logoutWhenIdle` on, without letting the user change it.'),
      b('logoutWhenLocked', 'Log out the embedded client when Notes is locked (new users).'),
      b('logoutWhenLockedOverride', 'Force `logoutWhenLocked` on, without letting the user change it.'),
      s('samlTrustedSites', 'Comma-separated URLs trusted for SAML log-in.'),
    ],
  },
  {
    name: 'com.hcl.collaboration.realtime',
    doc: 'Live Text in the Sametime client.',
    settings: [b('enableSametimeLiveText', 'Turn on Live Text (recognised text becomes actionable).')],
  },
  {
    name: 'com.hcl.rcp.toolbox.admin',
    doc: 'Widgets and Live Text recognisers of the client.',
    settings: [
      b('toolboxvisible', 'Show the widget toolbox.'),
      b('toolboxvisibleMaster', 'Master switch for widgets and Live Text.', 'false'),
      b('toolboxenableRecognizers', 'Turn on the Live Text recognisers.'),
    ],
  },
];

const GROUP_BY_NAME = new Map(GROUPS.map(g => [g.name, g]));

export function groupInfo(name: string): GroupInfo | undefined {
  return GROUP_BY_NAME.get(name);
}

/** A documented setting: in the named group first, else anywhere (with the group it was found in). */
export function settingInfo(groupName: string, name: string): { group: GroupInfo; setting: SettingInfo } | undefined {
  const g = GROUP_BY_NAME.get(groupName);
  const own = g?.settings.find(x => x.name === name);
  if (g && own) return { group: g, setting: own };
  if (g) return undefined;
  for (const group of GROUPS) {
    const hit = group.settings.find(x => x.name === name);
    if (hit) return { group, setting: hit };
  }
  return undefined;
}

/**
 * Connection settings HCL says not to push through managed-settings.xml (they go in
 * managed-community-configs.xml).
 */
export const CONNECTIVITY_SETTINGS = new Set(['host', 'port', 'connectionType', 'proxyHost', 'proxyPort', 'authServerUrl', 'defaultAuthType']);
