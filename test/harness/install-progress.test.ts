/**
 * The n8n installer's steps run for minutes without output of their own (npm with
 * --loglevel=error, the sqlite3 build): each step must say its phase and elapsed time while it runs.
 * Checked around a slow child process instead of a 3 GB install.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { run } = require('../e2e/install-n8n');

async function stderrOf(fn: () => Promise<unknown>): Promise<{ lines: string[]; error?: Error }> {
	const lines: string[] = [];
	const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
		lines.push(String(chunk));
		return true;
	});
	try {
		await fn();
		return { lines };
	} catch (error) {
		return { lines, error: error as Error };
	} finally {
		spy.mockRestore();
	}
}

const slowChild = (exitCode: number) => [process.execPath, ['-e', `setTimeout(() => process.exit(${exitCode}), 1600)`]] as const;

it('says which phase is running and for how long, every tick, and when it is done', async () => {
	const [cmd, args] = slowChild(0);
	const { lines, error } = await stderrOf(() => run(cmd, args, { cwd: __dirname, env: process.env, phase: 'building SQLite', everyMs: 300 }));
	expect(error).toBeUndefined();
	const ticks = lines.filter((line) => /^\[n8n-install \+\d+:\d\d\] building SQLite: still running after \d+ s\n$/.test(line));
	expect(ticks.length).toBeGreaterThanOrEqual(3);
	expect(lines.filter((line) => /building SQLite: done in \d+ s/.test(line))).toHaveLength(1);
	// no tick after the step has ended
	expect(lines.findIndex((line) => line.includes('done in'))).toBe(lines.length - 1);
});

it('a failed step names its phase, how long it ran and its exit code', async () => {
	const [cmd, args] = slowChild(3);
	const { error } = await stderrOf(() => run(cmd, args, { cwd: __dirname, env: process.env, phase: 'downloading n8n', everyMs: 300 }));
	expect(error?.message).toMatch(/^downloading n8n: .+ failed after \d+ s \(exit code 3\)$/);
});
