# Sets the environment section of the shop's web.config once the new version is in place, while
# app_offline.htm still keeps users out.
# Deliberate mistake for the demo: in the string below PowerShell reads a variable named
# E_MODULE_PATHweb; ${env:E_MODULE_PATH}web.config is what was meant.
$rootFolder = $env:E_MODULE_PATH
$webConfigFile = "$env:E_MODULE_PATHweb.config"

[xml]$webConfig = Get-Content -Path $webConfigFile
$section = $webConfig.SelectSingleNode('/configuration/e')
$section.InnerXml = '<e.env />'
$envNode = $webConfig.SelectSingleNode('/configuration/e/e.env')
$envNode.SetAttribute('rootFolder', $rootFolder)
$envNode.SetAttribute('kind', 'Release')
$webConfig.Save($webConfigFile)
