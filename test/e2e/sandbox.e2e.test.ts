/**
 * `npm start` as a new user meets it: a second start must give a working demo again, and a signal
 * to the npm process alone (what a process manager sends) must stop everything and free the ports.
 * Real n8n; the simulators and n8n on free ports, the state in a temp folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

import { harness } from './setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sandbox = require('../sandbox/start');

jest.setTimeout(10 * 60_000);

const REPO = path.resolve(__dirname, '..', '..');
const CUSTOMERS = 'mlcStBcCustomer1';

let stateDir: string;

beforeAll(() => {
	stateDir = harness.makeTempDir('sandbox');
});

afterAll(() => {
	harness.removeTempDir(stateDir);
});

async function freePorts(count: number): Promise<number[]> {
	const ports = new Set<number>();
	while (ports.size < count) ports.add(await harness.findFreePort());
	return [...ports];
}

function portIsFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

describe('a second npm start', () => {
	async function startAndSyncCustomers(ports: number[]) {
		const args = ['--state-dir', stateDir, '--port', String(ports[0]), '--servicetitan-port', '0', '--business-central-port', '0'];
		const running = await sandbox.main(args, { handleSignals: false });
		try {
			// n8n 2.x runs an error workflow only when it is published: the sandbox publishes the templates' one.
			const errorWorkflow = await fetch(`${running.url}/api/v1/workflows/mlcErrorHandler1`, { headers: { 'X-N8N-API-KEY': running.n8n.apiKey } });
			expect(((await errorWorkflow.json()) as any).active).toBe(true);
			const result = await harness.executeWorkflow(running.n8n, CUSTOMERS, { timeoutMs: 5 * 60_000 });
			expect(result.exitCode).toBe(0);
			const st = running.sims.servicetitan.raw.state.customers.filter((customer: any) => customer.active !== false);
			const inBc = running.sims.businessCentral.raw.list('customers').filter((customer: any) => String(customer.number).startsWith('ST-'));
			return { serviceTitan: st.length, businessCentral: inBc.length };
		} finally {
			await running.stop();
		}
	}

	it('syncs the customers of the fresh simulators again, instead of resuming from the last run', async () => {
		const first = await startAndSyncCustomers(await freePorts(1));
		expect(first.serviceTitan).toBeGreaterThan(0);
		expect(first.businessCentral).toBe(first.serviceTitan);
		const second = await startAndSyncCustomers(await freePorts(1));
		expect(second).toEqual(first);
	});
});

describe('a signal to the npm start process alone', () => {
	/** Every process below pid (by parent id), from /proc. */
	function descendants(pid: number): number[] {
		const parents = new Map<number, number[]>();
		for (const entry of fs.readdirSync('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			try {
				const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
				const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
				parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
			} catch {
				// gone meanwhile
			}
		}
		const found: number[] = [];
		const queue = [pid];
		while (queue.length > 0) {
			for (const child of parents.get(queue.shift() as number) ?? []) {
				found.push(child);
				queue.push(child);
			}
		}
		return found;
	}

	function isRunning(pid: number): boolean {
		try {
			const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
			return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
		} catch {
			return false;
		}
	}

	async function startNpm(ports: number[]): Promise<{ npm: ChildProcess; output: () => string }> {
		const args = ['start', '--', '--state-dir', stateDir, '--port', String(ports[0])];
		args.push('--servicetitan-port', String(ports[1]), '--business-central-port', String(ports[2]));
		const npm = spawn('npm', args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		npm.stdout?.on('data', (chunk) => (output += chunk));
		npm.stderr?.on('data', (chunk) => (output += chunk));
		const deadline = Date.now() + 5 * 60_000;
		while (!output.includes('ml-connector sandbox is running')) {
			if (npm.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output.slice(-3000)}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		return { npm, output: () => output };
	}

	let leftovers: number[] = [];

	afterEach(() => {
		for (const pid of leftovers) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
		leftovers = [];
	});

	it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('%s stops the sandbox, n8n, its task runner and the simulators, and frees their ports', async (signal) => {
		const ports = await freePorts(3);
		const { npm, output } = await startNpm(ports);
		const tree = [npm.pid as number, ...descendants(npm.pid as number)];
		leftovers = tree;
		expect(tree.length).toBeGreaterThanOrEqual(3); // npm, the sandbox and n8n at least
		npm.kill(signal);
		const deadline = Date.now() + 60_000;
		let left = tree.filter(isRunning);
		while (left.length > 0 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 250));
			left = tree.filter(isRunning);
		}
		if (left.length > 0) process.stderr.write(`still running after ${signal}: ${left.join(', ')}\n${output().slice(-2000)}\n`);
		expect({ signal, left }).toEqual({ signal, left: [] });
		const busy = [];
		for (const port of ports) if (!(await portIsFree(port))) busy.push(port);
		expect({ signal, busy }).toEqual({ signal, busy: [] });
	});
});
