-- Neovim (0.7+; Debian bookworm ships 0.7.2) as an independent LSP client of the Upkeep language server.
-- Started by test/nvim/run.mjs:
--   nvim --headless --clean -n -i NONE -c 'lua dofile(...)'   with
--   UPKEEP_SERVER_JS   the bundled server (dist/server.js), started as `node SERVER --stdio`
--   UPKEEP_FIXTURES    folder of the fixture files
--   UPKEEP_NVIM_CASES  the expectations table (test/nvim/cases.lua)
--   UPKEEP_LSP_TIMEOUT_MS  bound for each wait (default 10000)
-- Prints one line per check and, last, `N passed, N failed`; exits 0 only when all passed.
-- It uses only the plain client API a user's init.lua would use (vim.lsp.start_client/buf_attach_client),
-- not the nvim-lspconfig plugin, so it runs on a bare Neovim.
pcall(vim.lsp.set_log_level, os.getenv('UPKEEP_NVIM_LSP_LOG') or 'ERROR')
vim.o.hidden = true
vim.o.swapfile = false

local server = assert(os.getenv('UPKEEP_SERVER_JS'), 'set UPKEEP_SERVER_JS')
local fixtures = assert(os.getenv('UPKEEP_FIXTURES'), 'set UPKEEP_FIXTURES')
local cases = dofile(assert(os.getenv('UPKEEP_NVIM_CASES'), 'set UPKEEP_NVIM_CASES'))
local timeout_ms = tonumber(os.getenv('UPKEEP_LSP_TIMEOUT_MS') or '10000')

local t0 = vim.loop.hrtime()
local function ms() return math.floor((vim.loop.hrtime() - t0) / 1e6) end
local function out(s) io.stdout:write(s .. '\n') end
local passed, failed = 0, 0
local function check(ok, name, detail)
  if ok then passed = passed + 1; out('ok   ' .. name)
  else failed = failed + 1; out('FAIL ' .. name .. (detail and ('\n     ' .. detail) or '')) end
  return ok
end
local function finish()
  out(('nvim: %d ms'):format(ms()))
  out(('%d passed, %d failed'):format(passed, failed))
  vim.cmd((failed == 0 and passed > 0) and 'qall!' or 'cquit 1')
end

local published = {} -- uri -> diagnostics (last publish)
local exited = false
local client_id = vim.lsp.start_client({
  name = 'upkeep',
  cmd = { 'node', server, '--stdio' },
  root_dir = fixtures,
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config) -- vim.diagnostic sees them too
      if result then published[result.uri] = result.diagnostics end
    end,
  },
  on_exit = function(code, signal) exited = true; out(('server exited code=%s signal=%s'):format(code, signal)) end,
})
if not check(client_id ~= nil, 'server starts') then return finish() end

local function code_at(d) return ('%s@%d'):format(tostring(d.code or ''), d.range.start.line + 1) end
local function briefs(ds)
  local r = {}
  for _, d in ipairs(ds or {}) do table.insert(r, code_at(d)) end
  table.sort(r)
  return r
end
local function same(a, b) return table.concat(a, ', ') == table.concat(b, ', ') end

local function open(rel)
  vim.cmd('edit! ' .. vim.fn.fnameescape(fixtures .. '/' .. rel))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  return bufnr, vim.uri_from_bufnr(bufnr)
end

local function run_actions(case, bufnr, uri, want)
  for _, a in ipairs(case.actions or {}) do
    local diag, range
    if a.at then
      for _, d in ipairs(published[uri] or {}) do if code_at(d) == a.at then diag = d end end
      range = diag and diag.range
    else -- a position (1-based line, 0-based character), as when the cursor is there
      local p = { line = a.cursor[1] - 1, character = a.cursor[2] }
      range = { start = p, ['end'] = p }
    end
    local where = a.at or ('line ' .. a.cursor[1] .. (a.only and (' [' .. table.concat(a.only, ',') .. ']') or ''))
    local name = ('%s: code action "%s" at %s'):format(case.file, a.title, where)
    if not range then check(false, name, 'no diagnostic ' .. a.at); goto continue end
    do
      local params = { textDocument = { uri = uri }, range = range, context = { diagnostics = diag and { diag } or {}, only = a.only } }
      local resp = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, timeout_ms) or {}
      local titles, chosen = {}, nil
      for _, r in pairs(resp) do
        for _, act in ipairs(r.result or {}) do
          table.insert(titles, act.title)
          if not chosen and act.title:find(a.title, 1, true) then chosen = act end
        end
      end
      if not check(chosen ~= nil, name, 'offered: [' .. table.concat(titles, ' | ') .. ']') then goto continue end
      if a.line then
        local edit_ok = chosen.edit ~= nil
        if edit_ok then vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16') end
        local got = vim.api.nvim_buf_get_lines(bufnr, a.line - 1, a.line, false)[1]
        check(edit_ok and got == a.text, ('%s: applying "%s" gives line %d'):format(case.file, a.title, a.line),
          edit_ok and ('got: ' .. tostring(got)) or 'the action has no edit')
        -- back to the file on disk; `:edit!` detaches the buffer (didClose), so attach it again and wait
        -- for the findings of the file as it is on disk before the next action asks for code actions
        vim.cmd('edit!')
        vim.lsp.buf_attach_client(bufnr, client_id)
        local back = vim.wait(timeout_ms, function() return exited or same(briefs(published[uri]), want) end, 20)
        check(back and not exited, ('%s: reloaded from disk, diagnostics again [%s]'):format(case.file, table.concat(want, ', ')),
          'got [' .. table.concat(briefs(published[uri]), ', ') .. ']')
      end
    end
    ::continue::
  end
end

local function run_navigation(case, bufnr, uri, want)
  for _, n in ipairs(case.navigation or {}) do
    local p = { line = n.cursor[1] - 1, character = n.cursor[2] }
    local name = ('%s: %s at %d:%d'):format(case.file, n.method, n.cursor[1], n.cursor[2])
    local params = { textDocument = { uri = uri }, position = p }
    if n.method == 'references' then params.context = { includeDeclaration = true } end
    if n.method == 'rename' then params.newName = n.new_name end
    local resp = vim.lsp.buf_request_sync(bufnr, 'textDocument/' .. n.method, params, timeout_ms) or {}
    local result, err
    for _, r in pairs(resp) do result = result or r.result; err = err or r.err or r.error end -- 0.7 says `error`
    if n.method == 'definition' then
      local first = result and (result[1] or result)
      local range = first and (first.targetSelectionRange or first.range)
      check(range ~= nil and range.start.line + 1 == n.target_line, name .. ' lands on line ' .. n.target_line,
        'got ' .. vim.inspect(result))
    elseif n.method == 'references' then
      check(result ~= nil and #result == n.count, name .. ' finds ' .. n.count, 'got ' .. vim.inspect(result))
    elseif n.refused then
      check(err ~= nil and tostring(err.message):find(n.refused, 1, true) ~= nil, name .. ' to ' .. n.new_name .. ' is refused',
        'got ' .. vim.inspect(err or result))
    else
      local ok = result ~= nil and err == nil
      if ok then vim.lsp.util.apply_workspace_edit(result, 'utf-16') end
      for line, text in pairs(n.lines or {}) do
        local got = vim.api.nvim_buf_get_lines(bufnr, line - 1, line, false)[1]
        check(ok and got == text, ('%s to %s: line %d'):format(name, n.new_name, line), ok and ('got: ' .. tostring(got)) or vim.inspect(err))
      end
      vim.cmd('edit!')
      vim.lsp.buf_attach_client(bufnr, client_id)
      local back = vim.wait(timeout_ms, function() return exited or same(briefs(published[uri]), want) end, 20)
      check(back and not exited, ('%s: reloaded after the rename'):format(case.file), 'got [' .. table.concat(briefs(published[uri]), ', ') .. ']')
    end
  end
end

-- files with findings first (they prove the server is up), then the ones that must stay clean
local ordered = {}
for _, c in ipairs(cases) do if #c.diagnostics > 0 then table.insert(ordered, c) end end
for _, c in ipairs(cases) do if #c.diagnostics == 0 then table.insert(ordered, c) end end

for _, case in ipairs(ordered) do
  local bufnr, uri = open(case.file)
  local want = {}
  for _, s in ipairs(case.diagnostics) do table.insert(want, s) end
  table.sort(want)
  local name = ('%s: diagnostics [%s]'):format(case.file, table.concat(want, ', '))
  if #want > 0 then
    local ok = vim.wait(timeout_ms, function() return exited or same(briefs(published[uri]), want) end, 20)
    ok = ok and not exited
    check(ok, name, ('after %d ms got [%s]'):format(ms(), table.concat(briefs(published[uri]), ', ')))
    if ok then run_actions(case, bufnr, uri, want) end
    if ok then run_navigation(case, bufnr, uri, want) end
  else
    vim.wait(case.quiet_ms or 1000, function() return exited or #(published[uri] or {}) > 0 end, 20)
    check(not exited and #(published[uri] or {}) == 0, name, 'got [' .. table.concat(briefs(published[uri]), ', ') .. ']')
  end
end

vim.lsp.stop_client(client_id)
vim.wait(2000, function() return exited end, 20)
finish()
