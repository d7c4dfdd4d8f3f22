@echo off
rem Runs wscheck on Windows. Builds target\wscheck.jar with Maven on first use.
rem Start-up (docs/performance.md): on JDK 19+ the JVM keeps an AppCDS archive of wscheck's classes
rem in %LOCALAPPDATA%\wscheck, made at the end of the first run and remade by itself when the jar or
rem the JVM changes; JDK 17 ignores the option. JVM logging is off so that nothing about the archive
rem reaches stdout, which holds the report. Set WSCHECK_NO_CDS=1 to switch the archive off.
setlocal
set "HERE=%~dp0.."
set "JAR=%HERE%\target\wscheck.jar"
if not exist "%JAR%" (
  where mvn >nul 2>nul || (echo wscheck: building the jar needs Maven ^(mvn^) and a JDK 17+ 1>&2 & exit /b 3)
  echo wscheck: building %JAR% ^(first use^) ... 1>&2
  pushd "%HERE%"
  call mvn -B -q -DskipTests package 1>&2 || (popd & echo wscheck: build failed; run "mvn -B package" to see why 1>&2 & exit /b 3)
  popd
)
set "OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xmn8m -XX:-UsePerfData"
set "CACHE=%LOCALAPPDATA%\wscheck"
if not defined WSCHECK_NO_CDS if defined LOCALAPPDATA (
  if not exist "%CACHE%" mkdir "%CACHE%" 2>nul
  if exist "%CACHE%" set "OPTS=%OPTS% -Xshare:auto -Xlog:disable -XX:+IgnoreUnrecognizedVMOptions -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=%CACHE%\wscheck.jsa"
)
rem WSCHECK_JAVA_OPTS: more JVM options, after the launcher's (so they win).
if defined WSCHECK_JAVA_OPTS set "OPTS=%OPTS% %WSCHECK_JAVA_OPTS%"
java %OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
