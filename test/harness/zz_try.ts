import { runIntegrationTests } from './runIntegration';
const t0 = Date.now();
runIntegrationTests({ extensionPath: '/tmp/fake-ext', testsPath: '/work/main/out/test/integration/index.js', workspace: '/tmp/ws-hand/abalone-demo' })
  .then((c) => { console.log('exit', c, Date.now() - t0); process.exitCode = c; }, (e) => { console.error(e); process.exitCode = 1; });
