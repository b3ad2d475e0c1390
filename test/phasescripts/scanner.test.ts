// The light PowerShell scanner: which `env:` references it finds, in which context, and what it skips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPowerShell, type EnvRef } from '../../server/src/phasescripts/scanner';

const refs = (text: string) => scanPowerShell(text).envRefs.map(r => `${r.form}:${r.name}${r.inString ? ':str' : ''}${r.assigned ? ':set' : ''}`);
const spans = (text: string, r: EnvRef) => [text.slice(r.start, r.end), text.slice(r.nameStart, r.nameEnd)];

test('forms of reference, with exact spans', () => {
  const text = '$a = $env:E_X + ${env:E_Y} + (Get-Item env:E_Z) + (Get-Item Env:\\E_W).Value + [Environment]::GetEnvironmentVariable("E_V")';
  const found = scanPowerShell(text).envRefs;
  assert.deepEqual(found.map(r => spans(text, r)), [
    ['$env:E_X', 'E_X'],
    ['${env:E_Y}', 'E_Y'],
    ['env:E_Z', 'E_Z'],
    ['Env:\\E_W', 'E_W'],
    ['E_V', 'E_V'],
  ]);
  assert.deepEqual(found.map(r => r.form), ['variable', 'braced', 'provider', 'provider', 'dotnet']);
});

test('comments are skipped: line, block, and # only at the start of a token', () => {
  assert.deepEqual(refs('# $env:E_A\n<# $env:E_B\n #> $env:E_C\n'), ['variable:E_C']);
  assert.deepEqual(refs('$x = 1 # $env:E_A\n$y = $env:E_B'), ['variable:E_B']);
  assert.deepEqual(refs('Write-Host a#b $env:E_A'), ['variable:E_A'], '# inside a word does not start a comment');
  assert.deepEqual(refs('<# never closed $env:E_A'), []);
});

test('strings: single quotes and literal here-strings do not expand, double quotes do', () => {
  assert.deepEqual(refs("'$env:E_A' + 'it''s $env:E_B'"), []);
  assert.deepEqual(refs('"$env:E_A and `$env:E_B and ""$env:E_C"""'), ['variable:E_A:str', 'variable:E_C:str']);
  assert.deepEqual(refs("@'\n$env:E_A\n'@\n$env:E_B"), ['variable:E_B']);
  assert.deepEqual(refs('@"\n$env:E_A "quoted" \n"@\n$env:E_B'), ['variable:E_A:str', 'variable:E_B']);
  assert.deepEqual(refs('@"not a here-string" + $env:E_A'), ['variable:E_A'], '@" must end its line to open a here-string');
});

test('a double-quoted string ends a $env: name at the first character that cannot continue a name', () => {
  const text = '"$env:E_MODULE_PATH\\web.config" "$env:E_MODULE_PATHweb.config" "$env:E_MODULE_PATH.x"';
  assert.deepEqual(scanPowerShell(text).envRefs.map(r => r.name), ['E_MODULE_PATH', 'E_MODULE_PATHweb', 'E_MODULE_PATH']);
});

test('$( ) inside a string is code again, with its own nested strings', () => {
  assert.deepEqual(refs('"a $( "b" + $env:E_A + \'$env:E_NOT\' ) c $env:E_B" # $env:E_C'), ['variable:E_A', 'variable:E_B:str']);
  assert.deepEqual(refs('"$( (1 + (2)) ) $env:E_A"'), ['variable:E_A:str']);
});

test('assignments are recognised', () => {
  assert.deepEqual(refs('$env:E_A = 1; $env:E_B += "x"; $env:E_C -eq 1; $env:E_D == 2'), ['variable:E_A:set', 'variable:E_B:set', 'variable:E_C', 'variable:E_D']);
  assert.deepEqual(refs('Set-Item env:E_A 1; New-Item -Path "env:E_B" -Value 2; Get-Item env:E_C'), ['provider:E_A:set', 'provider:E_B:set', 'provider:E_C']);
  assert.deepEqual(refs("[System.Environment]::SetEnvironmentVariable('E_A', 'x', 'Process')"), ['dotnet:E_A:set']);
});

test('env: only counts at the start of a token', () => {
  assert.deepEqual(refs('$myenv:E_A; $x.env:E_B; -env:E_C; get-item env:'), []);
});

test('typographic quotes delimit strings as PowerShell does', () => {
  assert.deepEqual(refs('\u2018$env:E_A\u2019 \u201C$env:E_B\u201D'), ['variable:E_B:str']);
});

test('unterminated constructs end at the end of the text', () => {
  assert.deepEqual(refs('"$env:E_A'), ['variable:E_A:str']);
  assert.deepEqual(refs("'$env:E_A"), []);
  assert.deepEqual(refs('${env:E_A'), []);
  assert.deepEqual(refs('"$( $env:E_A'), ['variable:E_A']);
  assert.deepEqual(refs('$env:'), []);
});
