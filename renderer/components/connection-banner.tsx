import { useEffect, useState } from 'react';
import { useStudioHost } from '../studio-context';

/** In the web host, says so plainly when the socket to the studio host is lost. */
export function ConnectionBanner() {
  const { connection } = useStudioHost();
  const [state, setState] = useState(connection?.state);
  useEffect(() => connection?.onDidChangeState(setState), [connection]);
  if (state !== 'closed') return null;
  return (
    <div role="status" className="connection-banner">
      Disconnected from the studio host. Start <code>edge-studio serve</code> again and open the URL
      it prints.
    </div>
  );
}
