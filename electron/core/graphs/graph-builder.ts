import { onnx, type Onnx } from './onnx-proto';

const { INT64, FLOAT } = onnx.TensorProto.DataType;

type Attribute = number | number[];

/** Appends nodes and constants to a graph, each name under one prefix. */
export class GraphBuilder {
  #count = 0;

  constructor(
    private readonly graph: Onnx.GraphProto,
    private readonly prefix: string,
  ) {}

  /** Appends a default-domain node with one output (named `output`, or after the node). */
  op(type: string, inputs: string[], attributes: Record<string, Attribute> = {}, output?: string) {
    const name = `${this.prefix}${type}_${this.#count++}`;
    const out = output ?? `${name}_output_0`;
    this.graph.node.push(
      onnx.NodeProto.create({
        name,
        opType: type,
        input: inputs,
        output: [out],
        attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
      }),
    );
    return out;
  }

  ints(name: string, values: number[]): string {
    return this.tensor(name, INT64, [values.length], values);
  }

  floats(name: string, values: number[]): string {
    return this.tensor(name, FLOAT, [values.length], values);
  }

  /** Appends an int64 or float32 initializer; returns its prefixed name. */
  tensor(name: string, type: number, dims: number[], values: number[]): string {
    const full = `${this.prefix}${name}`;
    this.graph.initializer.push(
      onnx.TensorProto.create({
        name: full,
        dataType: type,
        dims,
        ...(type === INT64 ? { int64Data: values } : { floatData: values }),
      }),
    );
    return full;
  }
}

function attribute(name: string, value: Attribute): Onnx.AttributeProto {
  const { INT, INTS } = onnx.AttributeProto.AttributeType;
  return Array.isArray(value)
    ? onnx.AttributeProto.create({ name, type: INTS, ints: value })
    : onnx.AttributeProto.create({ name, type: INT, i: value });
}
