-- What test/nvim/client.lua checks: one entry per fixture file (path relative to test/fixtures/editor).
--   diagnostics: the exact set of 'code@line' (1-based) the server must publish; {} = none at all
--   actions:     code actions to request for a diagnostic ('code@line'); `title` must be offered (plain
--                substring). With `line`/`text`, the action's edit is applied in Neovim and that buffer
--                line must then read `text` (the buffer is reloaded afterwards, nothing is written).
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
  { file = 'ws1/nginx.conf', diagnostics = {} },
  { file = 'ws1/app.conf', diagnostics = {} },
}
