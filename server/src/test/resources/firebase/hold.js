// Run by `firebase emulators:exec` once the Auth emulator is up: tells the test JVM it is ready,
// then keeps the emulator alive until the JVM asks it to stop or is gone (so a killed test run
// never leaves an emulator behind).
const fs = require('fs');
const [readyFile, stopFile, jvmPid] = process.argv.slice(2);
fs.writeFileSync(readyFile, 'ready');
setInterval(() => {
  let jvmAlive = true;
  try {
    process.kill(Number(jvmPid), 0);
  } catch (e) {
    jvmAlive = false;
  }
  if (!jvmAlive || fs.existsSync(stopFile)) {
    process.exit(0);
  }
}, 300);
