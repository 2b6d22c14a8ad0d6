import { useEffect, useState } from 'react';
import { routeForHash, type Route } from '../routes';

/** The route of the window's location hash, following back/forward and link clicks. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => routeForHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeForHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
