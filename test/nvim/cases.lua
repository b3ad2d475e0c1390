-- What test/nvim/client.lua checks: one entry per fixture file (path relative to test/fixtures/editor).
--   diagnostics: the exact set of 'code@line' (1-based) the server must publish; {} = none at all
--   actions:     code actions to request, either for a diagnostic (`at = 'code@line'`) or at a cursor
--                position (`cursor = { line (1-based), character (0-based) }`, with `only` kinds, as a
--                "refactor" request sends them); `title` must be offered (plain substring). With
--                `line`/`text`, the action's edit is applied in Neovim and that buffer line must then
--                read `text` (the buffer is reloaded afterwards, nothing is written).
--   navigation:  requests at a cursor position (1-based line, 0-based character): `definition` must land on
--                `target_line`; `references` (declaration included) must return `count` locations;
--                `rename` to `new_name` is applied in Neovim and each `lines[n]` must then read as given
--                (the buffer is reloaded afterwards), or, with `refused`, the server must answer an error
--                whose message holds that text.
-- Files whose expected diagnostics are {} are checked after the others (the server is warm by then),
-- waiting `quiet_ms` (default 1000) for anything to arrive.
return {
  {
    file = 'ws1/httpd.conf',
    diagnostics = { 'httpd/unknown-directive@6', 'httpd/directive-context@9' },
    actions = {
      { at = 'httpd/unknown-directive@6', title = 'Change to DocumentRoot',
        line = 6, text = 'DocumentRoot "/opt/IBM/HTTPServer/htdocs"' },
    },
  },
  {
    file = 'ws2/plugin-cfg.xml',
    diagnostics = { 'plugincfg/attribute-case@24' },
    actions = {
      -- the cursor inside ShopCluster: the swap refactor, applied, puts node2_shop first
      { cursor = { 10, 0 }, only = { 'refactor' }, title = 'Swap primary and backup servers of ShopCluster',
        line = 17, text = '         <Server Name="node2_shop"/>' },
      { at = 'plugincfg/attribute-case@24', title = 'CloneID',
        line = 24, text = '      <Server CloneID="api1" LoadBalanceWeight="2" Name="node1_api" ServerIOTimeout="900">' },
    },
    navigation = {
      -- from the Route's ServerCluster attribute to the cluster's Name
      { method = 'definition', cursor = { 40, 27 }, target_line = 9 },
      { method = 'references', cursor = { 9, 52 }, count = 2 },
      { method = 'rename', cursor = { 40, 27 }, new_name = 'WebShop', lines = {
        [9] = '   <ServerCluster LoadBalance="Round Robin" Name="WebShop" RemoveSpecialHeaders="true" RetryInterval="60">',
        [40] = '   <Route ServerCluster="WebShop" UriGroup="default_host_ShopCluster_URIs" VirtualHostGroup="default_host"/>',
      } },
      { method = 'rename', cursor = { 40, 27 }, new_name = 'ApiCluster', refused = 'a ServerCluster named ApiCluster already exists' },
    },
  },
  {
    file = 'ws2/updates/scripts/POSTINSTALL_ecommerce.ps1',
    diagnostics = { 'phase/unknown-env-var@6' },
    actions = {
      { at = 'phase/unknown-env-var@6', title = 'E_MODULE_PATH',
        line = 6, text = '$webConfigFile = "${env:E_MODULE_PATH}web.config"' },
    },
  },
  {
    file = 'ws2/updates/scripts/PREINSTALL_phygital.ps1',
    -- no fix offered here: it renames the file, which needs documentChanges, and Neovim 0.7 does not announce them
    diagnostics = { 'phase/unknown-module@1' },
  },
  { file = 'ws1/nginx.conf', diagnostics = {} },
  { file = 'ws1/app.conf', diagnostics = {} },
}
