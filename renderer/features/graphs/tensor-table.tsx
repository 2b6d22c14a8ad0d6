import type { TensorInfo } from '../../../shared/graph';

/** Inputs or outputs of a graph with dtype and shape (symbolic dims shown by name). */
export function TensorTable({ caption, tensors }: { caption: string; tensors: TensorInfo[] }) {
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Shape</th>
        </tr>
      </thead>
      <tbody>
        {tensors.map((tensor) => (
          <tr key={tensor.name}>
            <td>
              <code>{tensor.name}</code>
            </td>
            <td>{tensor.dtype}</td>
            <td>
              <code>[{tensor.shape.map((dim) => dim ?? '?').join(', ')}]</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
