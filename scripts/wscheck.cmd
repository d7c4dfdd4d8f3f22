@echo off
rem Runs wscheck on Windows. Builds target\wscheck.jar with Maven on first use.
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
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "%JAR%" %*
exit /b %ERRORLEVEL%
