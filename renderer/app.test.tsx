import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fail } from '../shared/result';
import { routes } from './routes';
import { renderApp } from './testing/render-app';

afterEach(() => {
  window.location.hash = '';
});

async function goTo(id: string) {
  await act(async () => {
    window.location.hash = `#/${id}`;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
}

describe('App shell', () => {
  it('navigates to every page, each with a heading and an honest empty state or data', async () => {
    renderApp();
    const nav = screen.getByRole('navigation', { name: 'Pages' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(routes.map((r) => r.title));
    for (const route of routes) {
      await goTo(route.id);
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(route.title);
      expect(
        within(nav).getByRole('link', { name: route.title }).getAttribute('aria-current'),
      ).toBe('page');
      expect(document.body.textContent).not.toMatch(/TODO/i);
    }
  });

  it('shows app:info in the Environment view, with why adb is missing', async () => {
    renderApp();
    await goTo('environment');
    const table = await screen.findByTestId('app-info');
    expect(within(table).getByText('1.30.0')).toBeTruthy();
    expect(within(table).getByText(/apt-get install adb/)).toBeTruthy();
  });

  it('turns a failed call into one visible alert that can be dismissed', async () => {
    await goTo('environment');
    renderApp({ 'app:info': async () => fail('busy', 'the host is busy') });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('app:info failed');
    expect(alert.textContent).toContain('the host is busy (busy: someone else is using it');
    expect(screen.getByText(/Could not read the environment/)).toBeTruthy();
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('saves the theme and applies it to the document', async () => {
    renderApp();
    await goTo('environment');
    const select = (await screen.findByLabelText('Theme')) as HTMLSelectElement;
    await screen.findByDisplayValue('System');
    await act(async () => {
      fireEvent.change(select, { target: { value: 'dark' } });
    });
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(select.value).toBe('dark');
  });

  it('streams log lines into the Environment view', async () => {
    const { events } = renderApp();
    await goTo('environment');
    act(() =>
      events.emit('app:onDidLog', {
        time: 0,
        level: 'warn',
        source: 'devices',
        message: 'phone went offline',
      }),
    );
    expect((await screen.findByTestId('log')).textContent).toContain('phone went offline');
  });
});

describe('log lines', () => {
  it('shows lines logged before the view opened, then live ones, without duplicates', async () => {
    const early = {
      time: 1,
      level: 'info' as const,
      source: 'web',
      message: 'A browser window connected',
    };
    const { events } = renderApp({
      'app:logs': async () => ({ ok: true, value: { entries: [early] } }),
    });
    await goTo('environment');
    const log = await screen.findByTestId('log');
    expect(log.textContent).toContain('A browser window connected');
    act(() => events.emit('app:onDidLog', early));
    act(() => events.emit('app:onDidLog', { ...early, time: 2, message: 'later' }));
    expect(
      within(log)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      expect.stringContaining('A browser window connected'),
      expect.stringContaining('later'),
    ]);
  });
});
