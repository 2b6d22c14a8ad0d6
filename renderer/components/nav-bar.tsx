import { routes, type Route } from '../routes';

/** The shell's navigation: plain links, so Tab/Enter and browser history just work. */
export function NavBar({ current }: { current: Route }) {
  return (
    <nav className="nav" aria-label="Pages">
      <div className="brand">Edge Studio</div>
      <ul>
        {routes.map((route) => (
          <li key={route.id}>
            <a href={`#/${route.id}`} aria-current={route.id === current.id ? 'page' : undefined}>
              {route.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
