// Short explanations of the directives admins meet most, written for Upkeep (not taken from Apache's
// manual). Facts such as the module, the contexts and the argument count come from the directive table
// (directives.json); these texts add what the directive is for, a syntax line in our notation and the
// 2.2 / 2.4 differences that matter on IBM HTTP Server 8.5 (Apache 2.2) vs 9 (Apache 2.4).

export interface DirectiveDoc {
  /** The usual spelling. */
  name: string;
  /** What it does, in one to three sentences (markdown). */
  text: string;
  /** Arguments in our notation: `<required>`, `[optional]`, `a|b` choices, `...` repeats. */
  syntax?: string;
  /** The value in effect when the directive is absent. */
  default?: string;
  /** First Apache release that has it, when newer than 2.2 (so not on IHS 8.5). */
  since?: string;
  /** The release that removed it (2.2-only directives). */
  removedIn?: string;
  /** Module source for directives the 2.4 table does not have. */
  module?: string;
  /** What differs between 2.2 (IHS 8.5) and 2.4 (IHS 9). */
  versions?: string;
  /** Kept for compatibility; a newer spelling or mechanism replaces it. */
  deprecated?: string;
}

const D: DirectiveDoc[] = [
  // ---- core: server identity and files -------------------------------------------------------------
  { name: 'ServerRoot', syntax: '<directory>', default: 'the path compiled into httpd', text: 'The installation folder of the server. Relative paths in other directives (LoadModule, Include, ErrorLog, ...) are resolved against it.' },
  { name: 'ServerName', syntax: '[scheme://]<host>[:port]', text: 'The host name (and optionally port) this server or virtual host answers to. Name-based virtual hosts are chosen by comparing the request\'s Host header with ServerName and ServerAlias; self-referential redirects use it too.' },
  { name: 'ServerAlias', syntax: '<host> [host] ...', text: 'Further host names for a name-based virtual host, besides its ServerName. Wildcards `*` and `?` are allowed.' },
  { name: 'ServerAdmin', syntax: '<email-or-URL>', text: 'The contact address shown on error pages the server generates (when ServerSignature is `EMail`).' },
  { name: 'ServerSignature', syntax: 'On|Off|EMail', default: 'Off', text: 'Whether a footer line with the server version (and with `EMail`, the ServerAdmin address) is added to pages the server generates, such as error pages and directory listings.' },
  { name: 'ServerTokens', syntax: 'Full|OS|Minimal|Minor|Major|Prod', default: 'Full', text: 'How much detail about the server software the `Server` response header reveals. `Prod` gives only the product name; hardening guides ask for it.' },
  { name: 'ServerPath', syntax: '<URL-path>', text: 'A legacy URL prefix through which a name-based virtual host can also be reached by clients that send no Host header.' },
  { name: 'DocumentRoot', syntax: '<directory>', text: 'The folder that URLs map to when no Alias, rewrite or proxy rule takes the request. In a virtual host it overrides the server-wide value.' },
  { name: 'ErrorLog', syntax: '<file>|"|<command>"|syslog[:facility]', text: 'Where the server writes its error log: a file (relative to ServerRoot), a piped logger program, or syslog. A virtual host with its own ErrorLog logs there instead of the main log.' },
  { name: 'ErrorLogFormat', syntax: '[connection|request] <format>', since: '2.4', text: 'The layout of error log entries, with `%`-placeholders similar to LogFormat.' },
  { name: 'LogLevel', syntax: '[module:]<level> ...', default: 'warn', text: 'How much goes to the error log: `emerg`, `alert`, `crit`, `error`, `warn`, `notice`, `info`, `debug`, `trace1`..`trace8`. Levels can be set per module, e.g. `LogLevel warn rewrite:trace3`.', versions: 'Per-module levels (`rewrite:trace3`) and the trace levels are 2.4 only; on 2.2 (IHS 8.5) LogLevel takes one level, and mod_rewrite logs through RewriteLog/RewriteLogLevel.' },
  { name: 'PidFile', syntax: '<file>', text: 'The file where the parent process writes its process id; `apachectl` and init scripts read it to stop or reload the server.' },
  { name: 'Include', syntax: '<file-path|directory|wildcard>', text: 'Reads other configuration files at this point, as if their text stood here. A wildcard that matches nothing is an error on 2.4 (use IncludeOptional when that can happen); a directory includes every file in it.', versions: 'On 2.2 (IHS 8.5) a wildcard that matches nothing is silently ignored; on 2.4 (IHS 9) it stops the server from starting.' },
  { name: 'IncludeOptional', syntax: '<file-path|directory|wildcard>', since: '2.4', text: 'Like Include, but a wildcard that matches no file is not an error. Typical for drop-in folders such as `conf.d/*.conf`.' },
  { name: 'Define', syntax: '<name> [value]', since: '2.4', text: 'Defines a variable usable as `${name}` in later lines, or (without a value) a name that `<IfDefine>` tests. Same effect as `-D name` on the command line for `<IfDefine>`.', versions: 'On 2.2 (IHS 8.5) only `-D` on the command line exists; `${name}` variables and Define are 2.4.' },
  { name: 'UnDefine', syntax: '<name>', since: '2.4', text: 'Removes a variable set by Define or `-D`.' },
  { name: 'Mutex', syntax: '<mechanism> [mutex-name|default] ...', since: '2.4', text: 'Chooses the locking mechanism (and lock-file folder) for the server\'s internal mutexes. It replaces the separate AcceptMutex, LockFile, SSLMutex and RewriteLock directives of 2.2.' },
  { name: 'DefaultRuntimeDir', syntax: '<directory>', since: '2.4', text: 'The folder for runtime files (shared memory, sockets, locks) whose paths are given relative to it.' },
  { name: 'CoreDumpDirectory', syntax: '<directory>', text: 'The folder the server changes into before it could dump core, so a crash leaves its core file somewhere writable.' },
  { name: 'ScoreBoardFile', syntax: '<file>', text: 'A file used for the scoreboard shared memory on platforms that need one; normally anonymous shared memory is used and the directive is not needed.' },
  { name: 'User', syntax: '<unix-user>|#<uid>', text: 'The account the child processes that answer requests run as (when the server is started as root). Files the server must read have to be readable by it.' },
  { name: 'Group', syntax: '<unix-group>|#<gid>', text: 'The group the child processes run as, together with User.' },
  { name: 'Listen', syntax: '[address:]<port> [protocol]', text: 'An address and port the server accepts connections on. Needed once per port; a `<VirtualHost>` for a port that no Listen opens never receives requests.' },
  { name: 'NameVirtualHost', syntax: '<address>[:port]', deprecated: 'no effect on 2.4', text: 'Declares an address on which virtual hosts are chosen by name.', versions: 'Required for name-based virtual hosts on 2.2 (IHS 8.5). On 2.4 (IHS 9) it has no effect and only produces a warning; name-based selection is automatic.' },
  { name: 'AccessFileName', syntax: '<filename> ...', default: '.htaccess', text: 'The name of the per-directory configuration files the server looks for, where AllowOverride lets them work.' },
  { name: 'AllowOverride', syntax: 'All|None|<directive-type> ...', default: 'None (2.3.9 and later); All before', text: 'Which kinds of directives `.htaccess` files in this directory may contain: `None` ignores them, `All` allows every kind, or a list such as `AuthConfig FileInfo Indexes Limit Options[=...]`. Only valid in `<Directory>`.', versions: 'The default changed from `All` (2.2, IHS 8.5) to `None` (2.4, IHS 9): configs that relied on .htaccess without saying so stop applying it after the upgrade.' },
  { name: 'AllowOverrideList', syntax: 'None|<directive> ...', since: '2.4', text: 'Individual directives allowed in `.htaccess` files, in addition to the classes AllowOverride enables.' },
  { name: 'Options', syntax: '[+|-]<option> ...', default: 'FollowSymLinks', text: 'Features enabled for a directory: `Indexes` (listings), `FollowSymLinks`, `SymLinksIfOwnerMatch`, `ExecCGI`, `Includes`, `IncludesNOEXEC`, `MultiViews`, or `All`/`None`. Options with `+`/`-` adjust the inherited set; options without a sign replace it, and mixing both forms in one line is an error on 2.4.', versions: 'The default changed from `All` (2.2) to `FollowSymLinks` (2.4). Mixing signed and unsigned options is only a warning on 2.2 but a syntax error on 2.4.' },
  { name: 'HostnameLookups', syntax: 'On|Off|Double', default: 'Off', text: 'Whether the server resolves client addresses to names for logs and for `%{REMOTE_HOST}`. `On` trusts a single reverse lookup (spoofable), `Double` confirms it with a forward lookup; both add DNS latency to every request. With `Off`, `%{REMOTE_HOST}` holds the IP address.' },
  { name: 'UseCanonicalName', syntax: 'On|Off|DNS', default: 'Off', text: 'How the server builds its own name and port for self-referential URLs: `Off` uses what the client sent in the Host header, `On` uses ServerName, `DNS` a reverse lookup of the local address.' },
  { name: 'UseCanonicalPhysicalPort', syntax: 'On|Off', default: 'Off', text: 'Whether self-referential URLs may use the port the connection really arrived on, when UseCanonicalName does not decide it.' },
  { name: 'Timeout', syntax: '<seconds>', default: '60', text: 'How long the server waits for the client (or a backend, for some modules) during reads and writes before giving up on the request.', versions: 'The default was 300 seconds on 2.2 (IHS 8.5) and is 60 on 2.4 (IHS 9).' },
  { name: 'KeepAlive', syntax: 'On|Off', default: 'On', text: 'Whether a client may send further requests on the same TCP connection.' },
  { name: 'KeepAliveTimeout', syntax: '<seconds>', default: '5', text: 'How long an idle keep-alive connection is held open waiting for the next request.' },
  { name: 'MaxKeepAliveRequests', syntax: '<number>', default: '100', text: 'How many requests one keep-alive connection may carry; `0` means no limit.' },
  { name: 'TraceEnable', syntax: 'On|Off|extended', default: 'On', text: 'Whether the server answers HTTP TRACE requests. Security scanners flag `On`; `Off` answers TRACE with 405.' },
  { name: 'EnableSendfile', syntax: 'On|Off', default: 'Off', text: 'Whether static files may be sent with the kernel\'s sendfile call. Turn it off for files on network file systems.', versions: 'The default was `On` on 2.2 (IHS 8.5) and is `Off` on 2.4 (IHS 9).' },
  { name: 'EnableMMAP', syntax: 'On|Off', default: 'On', text: 'Whether files may be memory-mapped while they are sent. Turn it off for files on network file systems.' },
  { name: 'FileETag', syntax: '[+|-]INode|MTime|Size|All|None ...', default: 'MTime Size', text: 'Which file attributes make up the ETag header of static files. Including `INode` gives different ETags on each server of a cluster.', versions: 'The default was `INode MTime Size` on 2.2 (IHS 8.5) and is `MTime Size` on 2.4 (IHS 9).' },
  { name: 'AddDefaultCharset', syntax: 'On|Off|<charset>', default: 'Off', text: 'Adds a charset to `text/plain` and `text/html` responses that have none: `On` means ISO-8859-1, or name the charset.' },
  { name: 'DefaultType', syntax: '<media-type>|none', deprecated: 'no effect on 2.4 except `none`', text: 'The media type for files whose type the server cannot determine.', versions: 'Works on 2.2 (IHS 8.5). On 2.4 (IHS 9) only `DefaultType none` is accepted quietly; any other value is ignored with a warning. Use ForceType or mod_mime instead.' },
  { name: 'ForceType', syntax: '<media-type>|None', text: 'Serves every matching file with this media type, whatever its extension.' },
  { name: 'SetHandler', syntax: '<handler>|None', text: 'Hands every request in this scope to one handler, e.g. `server-status`, `server-info`, or `proxy:fcgi://...` for PHP-FPM.' },
  { name: 'SetInputFilter', syntax: '<filter>[;<filter>...]', text: 'Filters applied to request bodies in this scope.' },
  { name: 'SetOutputFilter', syntax: '<filter>[;<filter>...]', text: 'Filters applied to responses in this scope, e.g. `DEFLATE` or `INCLUDES`.' },
  { name: 'AcceptPathInfo', syntax: 'On|Off|Default', default: 'Default', text: 'Whether a URL may continue past an existing file name (`/script.php/extra/path`), leaving the rest in PATH_INFO.' },
  { name: 'AllowEncodedSlashes', syntax: 'On|Off|NoDecode', default: 'Off', text: 'Whether URLs with encoded slashes (`%2F`) are accepted. `Off` rejects them with 404; `NoDecode` accepts them and keeps them encoded (what most proxies want).' },
  { name: 'MergeSlashes', syntax: 'On|Off', default: 'On', since: '2.4.39', text: 'Whether runs of slashes in the URL path are collapsed before `<Location>` matching.' },
  { name: 'ErrorDocument', syntax: '<status> <local-URL|URL|"text">', text: 'What the client gets for an error status: a local path is served through an internal redirect and keeps the original status; a full URL makes the client follow a 302 redirect (the status is lost); a quoted text is sent as the body. A local error page for 503 must be exempt from the rule that answers 503, or the error page fails too.' },
  { name: 'Error', syntax: '<message>', since: '2.4', text: 'Stops reading the configuration with this message. Used inside `<IfModule>`/`<IfDefine>` to refuse a start when something needed is missing.' },
  { name: 'LimitRequestBody', syntax: '<bytes>', default: '1073741824 (1 GiB) since 2.4.54; 0 (no limit) before', text: 'The largest request body accepted, in bytes; larger uploads get 413.' },
  { name: 'LimitRequestFields', syntax: '<number>', default: '100', text: 'How many request header fields a client may send.' },
  { name: 'LimitRequestFieldSize', syntax: '<bytes>', default: '8190', text: 'The largest size of one request header line. Raise it for large cookies or Kerberos tokens.' },
  { name: 'LimitRequestLine', syntax: '<bytes>', default: '8190', text: 'The largest size of the request line (method, URL and protocol). Long query strings need more.' },
  { name: 'LimitXMLRequestBody', syntax: '<bytes>', default: '1000000', text: 'The largest XML request body (WebDAV and similar) that is parsed.' },
  { name: 'HttpProtocolOptions', syntax: '[Strict|Unsafe] [RegisteredMethods|LenientMethods] [Allow0.9|Require1.0]', versions: 'Added in 2.4.24 and back-ported to 2.2.32; older IHS 8.5 fix packs do not know it.', text: 'How strictly request lines and headers are checked against the HTTP specification.' },
  { name: 'Protocols', syntax: '<protocol> ...', default: 'http/1.1', since: '2.4.17', text: 'The protocols offered on a server or virtual host, in order of preference, e.g. `h2 http/1.1` to enable HTTP/2 over TLS.' },
  { name: 'ProtocolsHonorOrder', syntax: 'On|Off', default: 'On', since: '2.4.17', text: 'Whether the server\'s order in Protocols wins over the client\'s order.' },
  { name: 'ExtendedStatus', syntax: 'On|Off', text: 'Whether per-request details are tracked for the server-status page.' },
  { name: 'MaxRanges', syntax: 'default|unlimited|none|<number>', default: '200', text: 'How many byte ranges one request may ask for before the whole file is sent instead.' },
  { name: 'RLimitCPU', syntax: '<seconds>|max [seconds|max]', text: 'CPU time limits for processes the server starts (CGI scripts, piped logs).' },
  { name: 'RLimitMEM', syntax: '<bytes>|max [bytes|max]', text: 'Memory limits for processes the server starts.' },
  { name: 'RLimitNPROC', syntax: '<number>|max [number|max]', text: 'Process count limits for the user that CGI scripts run as.' },
  { name: 'StrictHostCheck', syntax: 'On|Off', default: 'Off', since: '2.4.49', text: 'Whether a request whose Host matches no virtual host is refused (400) instead of going to the default virtual host.' },

  // ---- core: sections -----------------------------------------------------------------------------
  { name: 'VirtualHost', syntax: '<address[:port]> ...', text: 'A virtual host: the directives inside apply to requests that arrive on the listed address and port and (for name-based hosts) carry a matching ServerName/ServerAlias. The first virtual host for an address and port is the default for requests that match no name.' },
  { name: 'Directory', syntax: '<directory-path>', text: 'Directives for a folder of the file system and everything below it. Wildcards are allowed; `~` switches to a regex (prefer `<DirectoryMatch>`).' },
  { name: 'DirectoryMatch', syntax: '<regex>', text: 'Like `<Directory>`, but the path is matched against a regular expression.' },
  { name: 'Location', syntax: '<URL-path>', text: 'Directives for a URL path and everything below it, whatever the request maps to (file, proxy, handler). Evaluated after `<Directory>` and `<Files>`, so it wins over them.' },
  { name: 'LocationMatch', syntax: '<regex>', text: 'Like `<Location>`, but the URL path is matched against a regular expression; named groups become environment variables.' },
  { name: 'Files', syntax: '<filename>', text: 'Directives for files with this name (wildcards allowed), in any folder of the enclosing scope.' },
  { name: 'FilesMatch', syntax: '<regex>', text: 'Like `<Files>`, but the file name is matched against a regular expression, e.g. `"\\.php$"`.' },
  { name: 'If', syntax: '"<expression>"', since: '2.4', text: 'Directives that apply only to requests for which the expression is true, e.g. `<If "%{HTTP_HOST} == \'example.com\'">`. The expression language is the same as in `Require expr` and `RewriteCond expr`.' },
  { name: 'ElseIf', syntax: '"<expression>"', since: '2.4.26', text: 'Applies when the preceding `<If>`/`<ElseIf>` did not and this expression is true.' },
  { name: 'Else', syntax: '', since: '2.4.26', text: 'Applies when the preceding `<If>`/`<ElseIf>` sections did not.' },
  { name: 'IfModule', syntax: '[!]<module-file|module-id>', text: 'Directives read only when a module is loaded (or, with `!`, when it is not). The argument is the module\'s source name (`mod_rewrite.c`) or, since 2.1, its identifier (`rewrite_module`).' },
  { name: 'IfDefine', syntax: '[!]<name>', text: 'Directives read only when a name was defined with `-D` on the command line (or with Define on 2.4).' },
  { name: 'IfVersion', syntax: '[[!]<operator>] <version>', text: 'Directives read only when the server version matches, e.g. `<IfVersion >= 2.4>`. Needs mod_version. Useful to share one file between IHS 8.5 and IHS 9.' },
  { name: 'IfFile', syntax: '[!]<path>', since: '2.4.34', text: 'Directives read only when a file exists at server start.' },
  { name: 'IfDirective', syntax: '[!]<directive>', since: '2.4.34', text: 'Directives read only when a directive name is known (its module is loaded).' },
  { name: 'IfSection', syntax: '[!]<section-name>', since: '2.4.34', text: 'Directives read only when a section name is known.' },
  { name: 'Limit', syntax: '<method> ...', text: 'Access-control directives that apply only to the listed HTTP methods. Usually `<LimitExcept>` is what is meant: `<Limit GET>` leaves every other method unrestricted.' },
  { name: 'LimitExcept', syntax: '<method> ...', text: 'Access-control directives that apply to every HTTP method except the listed ones.' },

  // ---- MPM (process model) ------------------------------------------------------------------------
  { name: 'StartServers', syntax: '<number>', text: 'How many child processes are started at launch. The MPM adjusts the count afterwards, so this mostly affects the first minutes.' },
  { name: 'ServerLimit', syntax: '<number>', text: 'The upper bound for the number of child processes for the server\'s lifetime; MaxRequestWorkers cannot exceed what it allows. Changing it needs a full restart.' },
  { name: 'ThreadLimit', syntax: '<number>', text: 'The upper bound for ThreadsPerChild for the server\'s lifetime. Changing it needs a full restart.' },
  { name: 'ThreadsPerChild', syntax: '<number>', text: 'How many request threads each child process runs (worker and event MPMs, and IHS on Windows).' },
  { name: 'MinSpareThreads', syntax: '<number>', text: 'Idle threads below this count make the server start more processes.' },
  { name: 'MaxSpareThreads', syntax: '<number>', text: 'Idle threads above this count make the server stop processes.' },
  { name: 'MinSpareServers', syntax: '<number>', text: 'prefork MPM: idle child processes below this count make the server start more.' },
  { name: 'MaxSpareServers', syntax: '<number>', text: 'prefork MPM: idle child processes above this count make the server stop some.' },
  { name: 'MaxRequestWorkers', syntax: '<number>', since: '2.4', text: 'The most requests served at the same time; further connections wait in the listen queue.', versions: 'Called MaxClients on 2.2 (IHS 8.5); 2.4 still accepts the old name.' },
  { name: 'MaxClients', syntax: '<number>', deprecated: 'renamed MaxRequestWorkers in 2.4', text: 'The most requests served at the same time (the 2.2 name of MaxRequestWorkers).', versions: '2.4 (IHS 9) still accepts MaxClients, but MaxRequestWorkers is the current name.' },
  { name: 'MaxConnectionsPerChild', syntax: '<number>', default: '0', since: '2.4', text: 'How many connections a child process handles before it is replaced; `0` means never. A value limits the effect of memory leaks.', versions: 'Called MaxRequestsPerChild on 2.2 (IHS 8.5); 2.4 still accepts the old name.' },
  { name: 'MaxRequestsPerChild', syntax: '<number>', deprecated: 'renamed MaxConnectionsPerChild in 2.4', text: 'How many connections a child process handles before it is replaced (the 2.2 name of MaxConnectionsPerChild).', versions: '2.4 (IHS 9) still accepts it under this name.' },
  { name: 'MaxMemFree', syntax: '<KBytes>', text: 'How much free memory a thread\'s allocator may keep before handing it back to the system.' },
  { name: 'ListenBacklog', syntax: '<number>', default: '511', text: 'The length of the queue of connections waiting to be accepted.' },
  { name: 'GracefulShutdownTimeout', syntax: '<seconds>', default: '0', text: 'How long a graceful stop waits for running requests before the server exits anyway; `0` waits for ever.' },
  { name: 'ThreadStackSize', syntax: '<bytes>', text: 'The stack size of request threads, for modules that need deep stacks.' },
  { name: 'AsyncRequestWorkerFactor', syntax: '<number>', text: 'event MPM: how many connections per idle worker a process accepts, which bounds the connections it keeps.' },

  // ---- modules ----------------------------------------------------------------------------------------
  { name: 'LoadModule', syntax: '<module-id> <file>', text: 'Loads a module from a shared object file (relative to ServerRoot) and makes its directives available. The identifier must be the one compiled into the module, e.g. `rewrite_module` for `mod_rewrite.so`.', versions: 'Some modules changed between 2.2 and 2.4: `authz_host` no longer provides Order/Allow/Deny (load `access_compat_module`), `disk_cache_module` became `cache_disk_module`, and `authn_default`/`authz_default` and `mem_cache` are gone. The WebSphere plug-in is `was_ap22_module` on IHS 8.5 and `was_ap24_module` on IHS 9.' },
  { name: 'LoadFile', syntax: '<file> ...', text: 'Loads a shared library that modules or scripts need, before they are loaded.' },

  // ---- logging --------------------------------------------------------------------------------------
  { name: 'LogFormat', syntax: '<format> [nickname]', text: 'Defines an access-log layout from `%`-placeholders (`%h` client, `%r` request line, `%>s` final status, `%{Referer}i` a request header ...), optionally under a nickname CustomLog can refer to.' },
  { name: 'CustomLog', syntax: '<file|"|command"> <format|nickname> [env=[!]var|expr=expression]', text: 'Writes an access log with a format or a LogFormat nickname, optionally only for requests where an environment variable is set (`env=`).' },
  { name: 'TransferLog', syntax: '<file|"|command">', text: 'Writes an access log in the format of the most recent LogFormat without a nickname.' },
  { name: 'BufferedLogs', syntax: 'On|Off', default: 'Off', text: 'Whether access-log lines are buffered in memory before being written.' },

  // ---- mod_alias ------------------------------------------------------------------------------------
  { name: 'Alias', syntax: '<URL-path> <file-or-directory>', text: 'Maps a URL prefix to a folder or file outside (or inside) DocumentRoot. The target usually needs a `<Directory>` that grants access.' },
  { name: 'AliasMatch', syntax: '<regex> <file-or-directory>', text: 'Like Alias, with a regular expression and `$1`-style references in the target.' },
  { name: 'ScriptAlias', syntax: '<URL-path> <file-or-directory>', text: 'Like Alias, and marks the target as CGI scripts to be run.' },
  { name: 'ScriptAliasMatch', syntax: '<regex> <file-or-directory>', text: 'Like ScriptAlias, with a regular expression.' },
  { name: 'Redirect', syntax: '[status] <URL-path> [URL]', text: 'Sends the client an external redirect for a URL prefix (302 unless a status such as `permanent`/`301` is given). The rest of the path after the prefix is appended to the target.' },
  { name: 'RedirectMatch', syntax: '[status] <regex> [URL]', text: 'Like Redirect, with a regular expression and `$1`-style references.' },
  { name: 'RedirectPermanent', syntax: '<URL-path> <URL>', text: 'A permanent (301) Redirect.' },
  { name: 'RedirectTemp', syntax: '<URL-path> <URL>', text: 'A temporary (302) Redirect.' },

  // ---- mod_rewrite ----------------------------------------------------------------------------------
  { name: 'RewriteEngine', syntax: 'On|Off', default: 'Off', text: 'Switches mod_rewrite on for this scope. Not inherited: every `<VirtualHost>` that should rewrite needs its own `RewriteEngine On` (or RewriteOptions Inherit), a frequent reason why a maintenance rule works on port 80 but not on the SSL virtual host.' },
  { name: 'RewriteRule', syntax: '[!]<pattern> <substitution>|- [flags]', text: 'Rewrites URLs that match a regular expression: to a path, a URL (redirect with `R`), a backend (`P`), or `-` to leave the URL alone and only apply flags. The RewriteCond lines directly above it must all match too. In server and virtual-host context it runs before access control, so a `[R=503]` rule there answers before any `<Location>` restrictions.' },
  { name: 'RewriteCond', syntax: '<test-string> [!]<condpattern> [flags]', text: 'A condition for the next RewriteRule: the test string (usually with `%{VARIABLE}`) must match the pattern. Conditions are combined with AND unless `[OR]` is used; negated allowlist conditions must stay ANDed.' },
  { name: 'RewriteBase', syntax: '<URL-path>', text: 'The URL prefix that relative substitutions get in per-directory rules (`.htaccess`, `<Directory>`).' },
  { name: 'RewriteMap', syntax: '<name> <type>:<source> [options]', text: 'Defines a lookup table (`txt:`, `rnd:`, `dbm:`, `int:`, `prg:`, `dbd:`) for use as `${name:key|default}` in rules and conditions.' },
  { name: 'RewriteOptions', syntax: '<option> ...', text: 'Special behaviour, most often `Inherit` (rules of the main server also run in virtual hosts, after their own) or `InheritBefore`.', versions: '`InheritBefore`, `InheritDown`, `IgnoreInherit`, `AllowAnyURI` and `MergeBase` are 2.4 options; 2.2 (IHS 8.5) knows `Inherit` only.' },
  { name: 'RewriteLog', syntax: '<file>', removedIn: '2.4', module: 'mod_rewrite.c', text: 'The file mod_rewrite writes its trace to.', versions: 'Removed in 2.4 (IHS 9): use `LogLevel rewrite:trace3` (trace1 to trace8); the trace goes to the error log.' },
  { name: 'RewriteLogLevel', syntax: '<0-9>', removedIn: '2.4', module: 'mod_rewrite.c', text: 'How much mod_rewrite writes to RewriteLog.', versions: 'Removed in 2.4 (IHS 9): use `LogLevel rewrite:traceN`.' },
  { name: 'RewriteLock', syntax: '<file>', removedIn: '2.4', module: 'mod_rewrite.c', text: 'A lock file for `prg:` rewrite maps.', versions: 'Removed in 2.4 (IHS 9): use `Mutex ... rewrite-map`.' },

  // ---- mod_headers ----------------------------------------------------------------------------------
  { name: 'Header', syntax: '[always|onsuccess] set|append|merge|add|unset|echo|edit|edit*|setifempty|note <header> [value] [early|env=[!]var|expr=expression]', text: 'Changes response headers. Without `always` the change applies only to successful (2xx) responses, so headers for error responses such as `Retry-After` on a 503 need `Header always set`.' },
  { name: 'RequestHeader', syntax: 'set|append|merge|add|unset|edit|edit*|setifempty <header> [value] [early|env=[!]var|expr=expression]', text: 'Changes request headers before the request is handled or proxied, e.g. `RequestHeader set X-Forwarded-Proto https`.' },

  // ---- mod_dir / mod_mime / mod_negotiation / mod_autoindex ------------------------------------------
  { name: 'DirectoryIndex', syntax: 'disabled|<local-URL> ...', default: 'index.html', text: 'The files tried, in order, when a URL names a folder.' },
  { name: 'DirectorySlash', syntax: 'On|Off', default: 'On', text: 'Whether a request for a folder without a trailing slash is redirected to the URL with the slash.' },
  { name: 'FallbackResource', syntax: 'disabled|<local-URL>', text: 'A local URL served for requests that map to no file, the usual front-controller set-up (`FallbackResource /index.php`) without mod_rewrite.' },
  { name: 'AddType', syntax: '<media-type> <extension> ...', text: 'Maps file extensions to a media type.' },
  { name: 'AddHandler', syntax: '<handler> <extension> ...', text: 'Maps file extensions to a handler, e.g. `cgi-script`.' },
  { name: 'AddCharset', syntax: '<charset> <extension> ...', text: 'Maps file extensions to a character set.' },
  { name: 'AddEncoding', syntax: '<encoding> <extension> ...', text: 'Maps file extensions to a content encoding such as `gzip`.' },
  { name: 'AddLanguage', syntax: '<language-tag> <extension> ...', text: 'Maps file extensions to a content language, for content negotiation.' },
  { name: 'AddOutputFilter', syntax: '<filter>[;<filter>...] <extension> ...', text: 'Runs output filters on files with these extensions.' },
  { name: 'AddOutputFilterByType', syntax: '<filter>[;<filter>...] <media-type> ...', text: 'Runs output filters on responses of these media types, e.g. `AddOutputFilterByType DEFLATE text/html`.' },
  { name: 'RemoveType', syntax: '<extension> ...', text: 'Drops media-type mappings for extensions inherited from an outer scope.' },
  { name: 'RemoveHandler', syntax: '<extension> ...', text: 'Drops handler mappings for extensions inherited from an outer scope.' },
  { name: 'TypesConfig', syntax: '<file>', default: 'conf/mime.types', text: 'The file that maps extensions to media types.' },
  { name: 'LanguagePriority', syntax: '<language-tag> ...', text: 'The preferred order of languages when content negotiation has a tie.' },
  { name: 'ForceLanguagePriority', syntax: 'None|Prefer|Fallback [Prefer|Fallback]', text: 'What content negotiation does when no single variant wins: pick by LanguagePriority instead of answering 300 or 406.' },
  { name: 'IndexOptions', syntax: '[+|-]<option> ...', text: 'The look of automatically generated directory listings.' },
  { name: 'IndexIgnore', syntax: '<file-pattern> ...', text: 'Files hidden from directory listings.' },
  { name: 'AddIcon', syntax: '<icon> <name> ...', text: 'The icon shown in directory listings for files with these names or extensions.' },
  { name: 'AddIconByType', syntax: '<icon> <media-type> ...', text: 'The listing icon for files of these media types.' },
  { name: 'AddIconByEncoding', syntax: '<icon> <encoding> ...', text: 'The listing icon for files with these content encodings.' },
  { name: 'DefaultIcon', syntax: '<URL-path>', text: 'The listing icon for files no other icon rule matches.' },
  { name: 'ReadmeName', syntax: '<filename>', text: 'A file whose content is appended to directory listings.' },
  { name: 'HeaderName', syntax: '<filename>', text: 'A file whose content is put above directory listings.' },

  // ---- environment --------------------------------------------------------------------------------
  { name: 'SetEnv', syntax: '<variable> [value]', text: 'Sets an environment variable for CGI scripts, SSI and logging. It is set late (after rewriting), so RewriteRule cannot see it; use SetEnvIf or the `E=` flag for that.' },
  { name: 'UnsetEnv', syntax: '<variable> ...', text: 'Removes environment variables from the request.' },
  { name: 'PassEnv', syntax: '<variable> ...', text: 'Passes variables from the server\'s own environment to CGI scripts and SSI.' },
  { name: 'SetEnvIf', syntax: '<attribute> <regex> [!]<variable>[=value] ...', text: 'Sets environment variables when a request attribute (a header, `Remote_Addr`, `Request_URI` ...) matches a regular expression. Runs early, so rewrite rules and access control can use the result.' },
  { name: 'SetEnvIfNoCase', syntax: '<attribute> <regex> [!]<variable>[=value] ...', text: 'SetEnvIf with a case-insensitive match.' },
  { name: 'SetEnvIfExpr', syntax: '"<expression>" [!]<variable>[=value] ...', since: '2.4', text: 'Sets environment variables when an expression is true.' },
  { name: 'BrowserMatch', syntax: '<regex> [!]<variable>[=value] ...', text: 'SetEnvIf on the User-Agent header.' },
  { name: 'BrowserMatchNoCase', syntax: '<regex> [!]<variable>[=value] ...', text: 'BrowserMatch with a case-insensitive match.' },

  // ---- mod_expires / mod_deflate ---------------------------------------------------------------------
  { name: 'ExpiresActive', syntax: 'On|Off', text: 'Whether Expires and Cache-Control max-age headers are generated in this scope.' },
  { name: 'ExpiresByType', syntax: '<media-type> "<base> plus <num> <unit> ..."', text: 'The expiry of responses of one media type, e.g. `"access plus 1 month"`.' },
  { name: 'ExpiresDefault', syntax: '"<base> plus <num> <unit> ..."', text: 'The expiry of responses no ExpiresByType rule covers.' },
  { name: 'DeflateCompressionLevel', syntax: '<1-9>', text: 'How hard mod_deflate compresses (higher is smaller and slower).' },

  // ---- authentication and authorization -------------------------------------------------------------
  { name: 'AuthType', syntax: 'None|Basic|Digest|Form', text: 'The kind of user authentication for this scope; it needs AuthName and a provider (e.g. AuthUserFile) and is enforced by Require.' },
  { name: 'AuthName', syntax: '<realm>', text: 'The realm name browsers show in the login prompt; quote it when it has spaces.' },
  { name: 'AuthBasicProvider', syntax: '<provider> ...', default: 'file', text: 'Where Basic authentication looks users up: `file`, `ldap`, `dbm`, `dbd` ...' },
  { name: 'AuthUserFile', syntax: '<file>', text: 'The password file (created with htpasswd) that the `file` provider checks.' },
  { name: 'AuthGroupFile', syntax: '<file>', text: 'A text file listing groups and their members, for `Require group`.' },
  { name: 'AuthLDAPURL', syntax: '<ldap-url> [NONE|SSL|TLS|STARTTLS]', text: 'The LDAP server, base DN, attribute and filter used to find users.' },
  { name: 'Require', syntax: '[not] all granted|all denied|ip <addr>...|host <name>...|env <var>|method <m>...|expr <expr>|user <u>...|group <g>...|valid-user', text: 'Who may access this scope. Several Require lines are combined like `<RequireAny>` unless they sit in `<RequireAll>`/`<RequireNone>`. `Require ip 10.1.2.0/24` is the 2.4 form of `Allow from`.', versions: 'On 2.2 (IHS 8.5) Require only knows `valid-user`, `user` and `group`; `all granted`, `ip`, `host`, `env`, `expr` and the Require* sections are 2.4 (IHS 9). Mixing Require with Order/Allow/Deny in one scope gives surprising results on 2.4.' },
  { name: 'RequireAll', syntax: '', since: '2.4', text: 'Access is granted only when every Require inside grants it (and none is negated away).' },
  { name: 'RequireAny', syntax: '', since: '2.4', text: 'Access is granted when one Require inside grants it.' },
  { name: 'RequireNone', syntax: '', since: '2.4', text: 'Access is refused when any Require inside matches; on its own it never grants access, so use it inside `<RequireAll>`.' },
  { name: 'Order', syntax: 'Deny,Allow|Allow,Deny|Mutual-failure', default: 'Deny,Allow', text: 'The 2.2 access model: which of Allow and Deny is evaluated first and what the default is. `Allow,Deny` denies unless allowed and not denied; `Deny,Allow` allows unless denied and not allowed. No space after the comma.', versions: 'Core on 2.2 (IHS 8.5). On 2.4 (IHS 9) it needs mod_access_compat and should be replaced by Require; mixing the two in one scope gives surprising results.' },
  { name: 'Allow', syntax: 'from all|<host>|<ip>[/mask]|env=[!]<var> ...', text: 'The 2.2 access model: clients that may access, evaluated together with Order and Deny. Host names trigger a double reverse DNS lookup.', versions: 'On 2.4 (IHS 9) it needs mod_access_compat; `Require ip`/`Require host` replace it.' },
  { name: 'Deny', syntax: 'from all|<host>|<ip>[/mask]|env=[!]<var> ...', text: 'The 2.2 access model: clients that are refused, evaluated together with Order and Allow.', versions: 'On 2.4 (IHS 9) it needs mod_access_compat; `Require not ip` inside `<RequireAll>` replaces it.' },
  { name: 'Satisfy', syntax: 'Any|All', default: 'All', text: 'The 2.2 access model: whether a client must pass both host-based access (Allow/Deny) and authentication (`All`), or either (`Any`).', versions: 'On 2.4 (IHS 9) it needs mod_access_compat; `<RequireAny>`/`<RequireAll>` replace it.' },

  // ---- mod_ssl --------------------------------------------------------------------------------------
  { name: 'SSLEngine', syntax: 'on|off|optional', default: 'off', text: 'Switches TLS on for a virtual host (mod_ssl). Each HTTPS `<VirtualHost>` needs it together with a certificate and key. On IBM HTTP Server with mod_ibm_ssl the equivalent is SSLEnable.' },
  { name: 'SSLCertificateFile', syntax: '<file>', text: 'The server certificate (PEM), optionally followed by intermediate certificates in the same file (2.4.8 and later).' },
  { name: 'SSLCertificateKeyFile', syntax: '<file>', text: 'The private key of the server certificate (PEM).' },
  { name: 'SSLCertificateChainFile', syntax: '<file>', deprecated: 'put the chain in SSLCertificateFile (2.4.8+)', text: 'Intermediate CA certificates sent with the server certificate.', versions: 'Deprecated since 2.4.8: append the intermediates to SSLCertificateFile instead.' },
  { name: 'SSLCACertificateFile', syntax: '<file>', text: 'CA certificates used to verify client certificates.' },
  { name: 'SSLCACertificatePath', syntax: '<directory>', text: 'A folder of hashed CA certificates used to verify client certificates.' },
  { name: 'SSLProtocol', syntax: '[+|-]<protocol> ...', text: 'The TLS versions offered, e.g. `-all +TLSv1.2 +TLSv1.3` or `all -SSLv3 -TLSv1 -TLSv1.1`.', versions: '`TLSv1.3` needs 2.4.36 and OpenSSL 1.1.1; on 2.2 (IHS 8.5) mod_ssl knows nothing newer than TLSv1.2 (IHS itself uses mod_ibm_ssl and SSLProtocolDisable).' },
  { name: 'SSLCipherSuite', syntax: '[protocol] <cipher-spec>', text: 'The OpenSSL cipher list offered for TLS up to 1.2 (and, with the `TLSv1.3` protocol argument, the TLS 1.3 suites).' },
  { name: 'SSLHonorCipherOrder', syntax: 'on|off', default: 'off', text: 'Whether the server\'s cipher order wins over the client\'s.' },
  { name: 'SSLOptions', syntax: '[+|-]<option> ...', text: 'Extra mod_ssl behaviour, e.g. `+StdEnvVars` to give CGI/PHP the TLS variables, `+ExportCertData`, `+StrictRequire`.' },
  { name: 'SSLVerifyClient', syntax: 'none|optional|require|optional_no_ca', default: 'none', text: 'Whether clients must present a certificate.' },
  { name: 'SSLVerifyDepth', syntax: '<number>', default: '1', text: 'How many intermediate CAs a client certificate chain may have.' },
  { name: 'SSLSessionCache', syntax: 'none|nonenotnull|<type>:<args>', default: 'none', text: 'The TLS session cache shared by the processes, e.g. `shmcb:/run/apache2/ssl_scache(512000)`.' },
  { name: 'SSLSessionCacheTimeout', syntax: '<seconds>', default: '300', text: 'How long cached TLS sessions may be resumed.' },
  { name: 'SSLSessionTickets', syntax: 'on|off', default: 'on', since: '2.4.11', text: 'Whether TLS session tickets are used.' },
  { name: 'SSLRandomSeed', syntax: 'startup|connect builtin|file:<path>|exec:<path> [bytes]', text: 'Sources of entropy for OpenSSL\'s random generator.' },
  { name: 'SSLPassPhraseDialog', syntax: 'builtin|"|<program>"|exec:<program>', default: 'builtin', text: 'How the pass phrase of an encrypted private key is obtained at start.' },
  { name: 'SSLCompression', syntax: 'on|off', default: 'off', text: 'Whether TLS-level compression is allowed (it enables the CRIME attack; keep it off).' },
  { name: 'SSLUseStapling', syntax: 'on|off', default: 'off', text: 'Whether OCSP responses are stapled to the TLS handshake; needs SSLStaplingCache.' },
  { name: 'SSLStaplingCache', syntax: '<type>:<args>', text: 'The cache for stapled OCSP responses.' },
  { name: 'SSLProxyEngine', syntax: 'on|off', default: 'off', text: 'Whether the proxy may use TLS towards backends (needed for `ProxyPass ... https://`).' },
  { name: 'SSLProxyVerify', syntax: 'none|optional|require|optional_no_ca', default: 'none', text: 'Whether backend certificates are verified when proxying over TLS.' },
  { name: 'SSLProxyCheckPeerName', syntax: 'on|off', default: 'on', text: 'Whether the backend certificate\'s name must match the host in the proxied URL.' },
  { name: 'SSLProxyCheckPeerCN', syntax: 'on|off', default: 'on', text: 'Whether the backend certificate\'s common name must match the host in the proxied URL.' },
  { name: 'SSLProxyCheckPeerExpire', syntax: 'on|off', default: 'on', text: 'Whether expired backend certificates are refused.' },
  { name: 'SSLRequireSSL', syntax: '', text: 'Refuses access to this scope over plain HTTP.' },
  { name: 'SSLOpenSSLConfCmd', syntax: '<command> <value>', since: '2.4.8', text: 'Passes a setting straight to OpenSSL, e.g. `Curves` or `DHParameters`.' },
  { name: 'SSLStrictSNIVHostCheck', syntax: 'on|off', default: 'off', text: 'Whether clients without SNI may reach name-based TLS virtual hosts.' },
  { name: 'SSLMutex', syntax: '<mechanism>', removedIn: '2.4', module: 'mod_ssl.c', text: 'The lock mechanism of mod_ssl.', versions: 'Removed in 2.4 (IHS 9): use `Mutex <mechanism> ssl-cache`.' },

  // ---- mod_proxy --------------------------------------------------------------------------------------
  { name: 'ProxyPass', syntax: '[path] !|<url> [key=value ...] [nocanon] [interpolate] [noquery]', text: 'Forwards requests under a URL prefix to a backend (reverse proxy), e.g. `ProxyPass /app/ http://backend:8080/app/`. `!` excludes a path from an earlier, broader ProxyPass; order matters, the first match wins. Keep the trailing slashes of both arguments consistent.' },
  { name: 'ProxyPassMatch', syntax: '[regex] !|<url> [key=value ...]', text: 'Like ProxyPass, with a regular expression and `$1` references in the backend URL.' },
  { name: 'ProxyPassReverse', syntax: '[path] <url>', text: 'Rewrites the Location, Content-Location and URI headers of backend redirects so that clients stay on the proxy. Use it next to every ProxyPass whose backend may redirect.' },
  { name: 'ProxyPassReverseCookieDomain', syntax: '<internal-domain> <public-domain>', text: 'Rewrites the domain of cookies set by the backend.' },
  { name: 'ProxyPassReverseCookiePath', syntax: '<internal-path> <public-path>', text: 'Rewrites the path of cookies set by the backend.' },
  { name: 'ProxyPreserveHost', syntax: 'On|Off', default: 'Off', text: 'Whether the client\'s Host header is passed to the backend instead of the host in the ProxyPass URL. Backends that build absolute URLs (and WebSphere virtual hosts) usually need `On`.' },
  { name: 'ProxyRequests', syntax: 'On|Off', default: 'Off', text: 'Enables forward proxying. Leave it `Off` for a reverse proxy: `On` without access control makes an open proxy.' },
  { name: 'ProxyTimeout', syntax: '<seconds>', text: 'How long the proxy waits for the backend; defaults to Timeout.' },
  { name: 'ProxyVia', syntax: 'On|Off|Full|Block', default: 'Off', text: 'Whether a Via header is added to proxied requests and responses.' },
  { name: 'ProxyAddHeaders', syntax: 'On|Off', default: 'On', since: '2.4', text: 'Whether X-Forwarded-For, X-Forwarded-Host and X-Forwarded-Server are added to proxied requests.' },
  { name: 'ProxyErrorOverride', syntax: 'On|Off [status ...]', default: 'Off', text: 'Whether error pages of the backend are replaced by this server\'s ErrorDocument pages.' },
  { name: 'ProxySet', syntax: '<url> <key=value> ...', text: 'Sets parameters of a balancer or worker defined elsewhere.' },
  { name: 'BalancerMember', syntax: '[balancer-url] <url> [key=value ...]', text: 'A backend of a `balancer://` load balancer.' },
  { name: 'Proxy', syntax: '<wildcard-url>', text: 'Directives for proxied resources whose URL matches, e.g. access control or balancer members (`<Proxy "balancer://app">`).' },
  { name: 'ProxyMatch', syntax: '<regex>', text: 'Like `<Proxy>`, with a regular expression.' },

  // ---- mod_remoteip / mod_reqtimeout / mod_status / mod_info ----------------------------------------------
  { name: 'RemoteIPHeader', syntax: '<header>', since: '2.4', text: 'The header (e.g. X-Forwarded-For) from which the real client address is taken when the request comes through a trusted proxy; `%{REMOTE_ADDR}` and `Require ip` then see that address.' },
  { name: 'RemoteIPInternalProxy', syntax: '<proxy-ip>|<network> ...', since: '2.4', text: 'Proxies (internal addresses) whose RemoteIPHeader is trusted.' },
  { name: 'RemoteIPTrustedProxy', syntax: '<proxy-ip>|<network> ...', since: '2.4', text: 'Proxies (also public addresses) whose RemoteIPHeader is trusted.' },
  { name: 'RequestReadTimeout', syntax: '[handshake=...] [header=...] [body=...]', text: 'Time limits (and minimum rates) for receiving request headers and bodies; a defence against slow-client attacks.' },

  // ---- misc modules -------------------------------------------------------------------------------------
  { name: 'UserDir', syntax: '<directory-or-URL> ...|enabled|disabled [user ...]', text: 'Serves `~user` URLs from a folder in each user\'s home.' },
  { name: 'Macro', syntax: '<name> [$param ...]', text: 'A configuration template; `Use name values` expands it with the parameters replaced.' },
  { name: 'Use', syntax: '<macro-name> [value ...]', text: 'Expands a `<Macro>` here.' },
  { name: 'UndefMacro', syntax: '<name>', text: 'Forgets a `<Macro>`.' },
  { name: 'XBitHack', syntax: 'On|Off|Full', default: 'Off', text: 'Whether files with the execute bit are parsed for server-side includes.' },

  // ---- IBM HTTP Server and WebSphere plug-in ----------------------------------------------------------------
  { name: 'WebSpherePluginConfig', syntax: '<path-to-plugin-cfg.xml>', text: 'The WebSphere Application Server plug-in configuration (`plugin-cfg.xml`) the plug-in module reads: which URIs go to which application servers. The file is generated by WebSphere and copied to the web server.', versions: 'The module that reads it is `was_ap22_module` (mod_was_ap22_http.so) on IHS 8.5 and `was_ap24_module` (mod_was_ap24_http.so) on IHS 9.' },
  { name: 'Keyfile', syntax: '[/prompt] <key-database.kdb>', text: 'IBM HTTP Server: the CMS key database (`.kdb`) with the server certificates; the password is read from the stash file next to it (`.sth`) unless `/prompt` is given.' },
  { name: 'SSLEnable', syntax: '', text: 'IBM HTTP Server: turns TLS on for this virtual host (the mod_ibm_ssl counterpart of `SSLEngine on`).' },
  { name: 'SSLDisable', syntax: '', text: 'IBM HTTP Server: turns TLS off for this virtual host or the main server.' },
  { name: 'SSLServerCert', syntax: '<label>', text: 'IBM HTTP Server: the label of the certificate in the key database to present; the default certificate otherwise.' },
  { name: 'SSLStashfile', syntax: '<file.sth>', text: 'IBM HTTP Server: the stash file holding the key database password.' },
  { name: 'SSLCipherSpec', syntax: '[protocol] [+|-]<cipher> ...', text: 'IBM HTTP Server: the ciphers enabled, optionally per protocol.' },
  { name: 'SSLProtocolDisable', syntax: '<protocol> ...', text: 'IBM HTTP Server: protocol versions to switch off, e.g. `SSLv3 TLSv10 TLSv11`.' },
  { name: 'SSLClientAuth', syntax: 'None|Optional|Required [crl] [noverify]', text: 'IBM HTTP Server: whether clients must present a certificate.' },
  { name: 'SSLTrace', syntax: '', text: 'IBM HTTP Server: writes TLS diagnostics to the error log.' },
  { name: 'SSLCacheEnable', syntax: '', text: 'IBM HTTP Server: enables the external TLS session ID cache (main server only).' },
  { name: 'SSLCacheDisable', syntax: '', text: 'IBM HTTP Server: disables the external TLS session ID cache (main server only).' },
];

const byLower = new Map<string, DirectiveDoc>();
for (const d of D) byLower.set(d.name.toLowerCase(), d);

export function directiveDoc(name: string): DirectiveDoc | undefined {
  return byLower.get(name.toLowerCase());
}

export function allDirectiveDocs(): readonly DirectiveDoc[] {
  return D;
}
