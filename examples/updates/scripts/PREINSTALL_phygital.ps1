# Keeps the store's local signage settings across updates: copies them out of the module folder
# before the new version's files replace them (POSTINSTALL puts them back).
# Deliberate mistake for the demo: the module is "phygitalapi", so the updater never runs this file.
$modulePath = $env:E_MODULE_PATH
$keep = Join-Path $env:E_BACKUP_PATH 'signage-local'

New-Item -ItemType Directory -Force -Path $keep | Out-Null
Copy-Item -Path (Join-Path $modulePath 'App_Data\signage.local.json') -Destination $keep -Force
