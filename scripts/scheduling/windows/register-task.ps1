#Requires -Version 5.1
<#
.SYNOPSIS
  Registers a per-user Windows scheduled task that runs "wscheck check" every 15 minutes,
  without administrator rights (docs/scheduling.md).

.DESCRIPTION
  The task belongs to the current user and runs only while that user is logged on (the only kind
  of task a standard user may register). The site configuration wscheck.properties beside this
  script is copied to %APPDATA%\wscheck\wscheck.properties, the per-user location wscheck reads
  without options, with @LOCALAPPDATA@ replaced by the user's local application data folder, where
  the history (--history) and the last report (-o) are kept. Run again to update the task;
  -Unregister removes it (the history stays). -WhatIf shows what would be done.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File register-task.ps1 -Wscheck "C:\Program Files\wscheck\wscheck.cmd"
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    # wscheck's launcher (wscheck.cmd, or wscheck.exe of an app image)
    [Parameter(Mandatory = $false)]
    [string] $Wscheck = (Join-Path $PSScriptRoot '..\..\wscheck.cmd'),

    # minutes between two runs
    [ValidateRange(5, 1440)]
    [int] $IntervalMinutes = 15,

    [string] $TaskName = 'wscheck',

    # remove the task instead of registering it
    [switch] $Unregister
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

if ($Unregister) {
    if ($PSCmdlet.ShouldProcess($TaskName, 'Unregister-ScheduledTask')) {
        Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false -ErrorAction SilentlyContinue
    }
    return
}

$wscheckPath = (Resolve-Path -LiteralPath $Wscheck).Path
$configDir = Join-Path $env:APPDATA 'wscheck'
$dataDir = Join-Path $env:LOCALAPPDATA 'wscheck'
$template = Join-Path $PSScriptRoot 'wscheck.properties'

if ($PSCmdlet.ShouldProcess($configDir, 'write wscheck.properties')) {
    New-Item -ItemType Directory -Force -Path $configDir, $dataDir | Out-Null
    # Forward slashes: a Java properties file reads a backslash as an escape.
    $text = (Get-Content -Raw -LiteralPath $template).Replace('@LOCALAPPDATA@', $env:LOCALAPPDATA.Replace('\', '/'))
    Set-Content -LiteralPath (Join-Path $configDir 'wscheck.properties') -Value $text -Encoding UTF8
}

# cmd /c keeps wscheck.cmd's exit code (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN) as the task's last result.
$action = New-ScheduledTaskAction -Execute 'cmd.exe' -Argument ('/c "' + $wscheckPath + '" check') -WorkingDirectory $dataDir
$trigger = New-ScheduledTaskTrigger -Once -At (Get-Date).AddMinutes(1) `
    -RepetitionInterval (New-TimeSpan -Minutes $IntervalMinutes)
# A run is bounded by --deadline (60 s by default); the limit is a backstop. A new run never
# starts while one is running (wscheck's history lock would refuse it anyway).
$settings = New-ScheduledTaskSettingsSet -StartWhenAvailable -DontStopIfGoingOnBatteries -AllowStartIfOnBatteries `
    -ExecutionTimeLimit (New-TimeSpan -Minutes 5) -MultipleInstances IgnoreNew
# The current user, interactive logon, least privilege: no administrator rights needed.
$principal = New-ScheduledTaskPrincipal -UserId ([System.Security.Principal.WindowsIdentity]::GetCurrent().Name) `
    -LogonType Interactive -RunLevel Limited

if ($PSCmdlet.ShouldProcess($TaskName, 'Register-ScheduledTask')) {
    Register-ScheduledTask -TaskName $TaskName -Action $action -Trigger $trigger -Settings $settings -Principal $principal `
        -Description 'wscheck: checks this network against the Amazon WorkSpaces requirements (docs/scheduling.md)' -Force | Out-Null
    Write-Output "registered task '$TaskName': $wscheckPath check, every $IntervalMinutes minutes; configuration $configDir\wscheck.properties"
}
