import { startCodeServer, workbenchUrl } from './codeServer';
import { launchBrowser, newPage } from './workbench';
async function main() {
  const server = await startCodeServer({ folder: '/tmp/ws-hand/abalone-demo', smokeTestDriver: true, label: 'try' });
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser);
    page.on('console', (m) => console.log('CONSOLE', m.type(), m.text().slice(0, 300)));
    await page.exposeFunction('codeAutomationExit', (code: number) => console.log('EXIT', code));
    await page.exposeFunction('codeAutomationLog', (l: string, a: unknown[]) => console.log('LOG', l, JSON.stringify(a).slice(0, 300)));
    const url = workbenchUrl(server, { extensionDevelopmentPath: '/tmp/fake-ext', extensionTestsPath: '/work/main/out/test/integration/index.js' });
    console.log(url);
    await page.goto(url);
    await page.waitForTimeout(25000);
    await page.screenshot({ path: '/tmp/tsxt/shot2.png' });
  } finally { await browser.close(); await server.stop(); }
}
main().catch((e) => { console.error(e); process.exit(1); });
