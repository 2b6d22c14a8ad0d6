import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ciYaml from '../../../profiles/ci.yaml?raw';
import { fakeProfiles } from '../../testing/fake-profiles';
import { ok } from '../../../shared/result';
import { renderApp, sampleInfo } from '../../testing/render-app';
import { validateDelayMs } from './use-profile-editor';

const ci = '/studio/profiles/ci.yaml';

afterEach(() => {
  vi.useRealTimers();
  window.location.hash = '';
});

async function openCi(hostCores = sampleInfo.hostCores) {
  const profiles = fakeProfiles({ [ci]: ciYaml });
  window.location.hash = '#/profiles';
  const info = async () => ok({ ...sampleInfo, hostCores });
  const view = renderApp({ ...profiles.handlers, 'app:info': info });
  const list = await screen.findByRole('list', { name: 'Profile files' });
  await act(async () => {
    fireEvent.click(await within(list).findByRole('button', { name: 'ci' }));
  });
  const editor = await screen.findByLabelText<HTMLTextAreaElement>('Profile YAML');
  return { ...view, profiles, editor };
}

const type = async (editor: HTMLTextAreaElement, text: string) => {
  fireEvent.change(editor, { target: { value: text } });
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, validateDelayMs + 50));
  });
};

const lineOf = (text: string, needle: string) =>
  text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('profile editor', () => {
  it('opens ci.yaml with its grid, phones and estimate', async () => {
    const { editor } = await openCi();
    expect(editor.value).toBe(ciYaml);
    expect((await screen.findByTestId('grid-size')).textContent).toBe('4 points per phone');
    // ci.yaml picks emulated phones: the three sample phones are.
    expect(screen.getByTestId('sweep-phones').textContent).toContain('Pixel 9');
    expect(screen.getByTestId('sweep-estimate').textContent).toContain('40 s');
    expect(screen.getByTestId('sweep-estimate').textContent).toContain('10 s a run assumed');
    expect(screen.getByTestId('sweep-estimate').textContent).not.toContain('at most');
  });

  it("estimates with the host's cap on emulated phones run at once, and says so", async () => {
    await openCi(2);
    // Three emulated phones on 2 cores: 4 points × 10 s × 3 phones ÷ 2 at once.
    const estimate = await screen.findByTestId('sweep-estimate');
    await waitFor(() => expect(estimate.textContent).toContain('1 min 0 s'));
    expect(estimate.textContent).toContain(
      "but emulated phones run on this host's 2 cores: at most 2 of the 3 run at once",
    );
  });

  it('shows a broken field at its line and path, and clears it when fixed', async () => {
    const { editor } = await openCi();
    const broken = ciYaml.replace('chunk: [16, 32]', 'chunk: [16, 0]');
    await type(editor, broken);
    const issues = screen.getByRole('list', { name: 'Profile errors' });
    const issue = within(issues)
      .getByText(/chunk must be at least 1/)
      .closest('li')!;
    expect(issue.dataset.path).toBe('grid.chunk[1]');
    expect(issue.dataset.line).toBe(String(lineOf(broken, 'chunk:')));
    expect(issue.textContent).toContain(`line ${lineOf(broken, 'chunk:')}`);
    expect(editor.getAttribute('aria-invalid')).toBe('true');
    const marked = document.querySelectorAll('.profile-gutter li.has-issue');
    expect([...marked].map((li) => li.textContent)).toEqual([String(lineOf(broken, 'chunk:'))]);
    expect(screen.queryByTestId('grid-size')).toBeNull();
    await type(editor, ciYaml);
    expect(within(issues).queryAllByRole('listitem')).toHaveLength(0);
    expect(screen.getByTestId('grid-size').textContent).toBe('4 points per phone');
  });

  it('refuses to save an invalid profile with its errors (Ctrl+S), and saves it once fixed', async () => {
    const { editor, profiles } = await openCi();
    const broken = ciYaml.replace('repetitions: 2', 'repetitions: many');
    await type(editor, broken);
    await act(async () => {
      fireEvent.keyDown(editor, { key: 's', ctrlKey: true });
    });
    expect(profiles.saved).toHaveLength(0);
    expect(screen.getByRole('status').textContent).toMatch(/Not saved.*repetitions/);
    const fixed = ciYaml.replace('repetitions: 2', 'repetitions: 3');
    await type(editor, fixed);
    await act(async () => {
      fireEvent.keyDown(editor, { key: 's', ctrlKey: true });
    });
    expect(profiles.saved).toEqual([{ file: ci, text: fixed }]);
    expect(screen.getByRole('status').textContent).toBe(`Saved ${ci}`);
  });

  it('starts a new profile from the template in the data dir', async () => {
    const { profiles } = await openCi();
    fireEvent.change(screen.getByLabelText('New profile name'), { target: { value: 'mine' } });
    fireEvent.click(screen.getByRole('button', { name: 'New profile' }));
    const editor = screen.getByLabelText<HTMLTextAreaElement>('Profile YAML');
    expect(editor.value).toContain('name: mine');
    expect(await screen.findByTestId('grid-size')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    });
    expect(profiles.saved.map((each) => each.file)).toEqual(['/tmp/studio/profiles/mine.yaml']);
  });
});
