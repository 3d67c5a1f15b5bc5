using Google.Protobuf;

namespace AvatarTools.Core.Inference.Onnx;

/// <summary>
/// Writes ONNX protobuf messages by field number (numbers from onnx/onnx.proto), without generated
/// classes. Nested messages are written to a buffer first so that their length prefix is known.
/// Repeated scalars of the proto2 schema (dims, ints, floats) are written unpacked, as declared.
/// </summary>
internal static class OnnxProtoWriter
{
    // ModelProto
    private const int ModelIrVersion = 1;
    private const int ModelProducerName = 2;
    private const int ModelProducerVersion = 3;
    private const int ModelDocString = 6;
    private const int ModelGraph = 7;
    private const int ModelOpsetImport = 8;

    // OperatorSetIdProto
    private const int OpsetDomain = 1;
    private const int OpsetVersion = 2;

    // GraphProto
    private const int GraphNode = 1;
    private const int GraphName = 2;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;

    // NodeProto
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeName = 3;
    private const int NodeOpType = 4;
    private const int NodeAttribute = 5;

    // AttributeProto
    private const int AttributeName = 1;
    private const int AttributeFloat = 2;
    private const int AttributeInt = 3;
    private const int AttributeString = 4;
    private const int AttributeTensor = 5;
    private const int AttributeFloats = 7;
    private const int AttributeInts = 8;
    private const int AttributeType = 20;

    // TensorProto
    private const int TensorDims = 1;
    private const int TensorDataType = 2;
    private const int TensorName = 8;
    private const int TensorRawData = 9;

    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
    private const int ValueInfoName = 1;
    private const int ValueInfoType = 2;
    private const int TypeTensorType = 1;
    private const int TensorTypeElemType = 1;
    private const int TensorTypeShape = 2;
    private const int ShapeDim = 1;
    private const int DimensionValue = 1;
    private const int DimensionParam = 2;

    public static byte[] WriteModel(OnnxGraphBuilder graph, long irVersion, long opsetVersion, string producerName, string? docString)
    {
        return Serialize(output =>
        {
            WriteInt64(output, ModelIrVersion, irVersion);
            WriteString(output, ModelProducerName, producerName);
            WriteString(output, ModelProducerVersion, typeof(OnnxProtoWriter).Assembly.GetName().Version?.ToString() ?? "0");
            if (!string.IsNullOrEmpty(docString))
            {
                WriteString(output, ModelDocString, docString);
            }
            WriteMessage(output, ModelGraph, graphOutput => WriteGraph(graphOutput, graph));
            WriteMessage(output, ModelOpsetImport, opset =>
            {
                WriteString(opset, OpsetDomain, string.Empty);
                WriteInt64(opset, OpsetVersion, opsetVersion);
            });
        });
    }

    private static void WriteGraph(CodedOutputStream output, OnnxGraphBuilder graph)
    {
        foreach (var node in graph.Nodes)
        {
            WriteMessage(output, GraphNode, nodeOutput => WriteNode(nodeOutput, node));
        }
        WriteString(output, GraphName, graph.Name);
        foreach (var tensor in graph.Initializers)
        {
            WriteMessage(output, GraphInitializer, tensorOutput => WriteTensor(tensorOutput, tensor));
        }
        foreach (var input in graph.Inputs)
        {
            WriteMessage(output, GraphInput, valueOutput => WriteValueInfo(valueOutput, input));
        }
        foreach (var result in graph.Outputs)
        {
            WriteMessage(output, GraphOutput, valueOutput => WriteValueInfo(valueOutput, result));
        }
    }

    private static void WriteNode(CodedOutputStream output, OnnxNode node)
    {
        foreach (var input in node.Inputs)
        {
            WriteString(output, NodeInput, input);
        }
        foreach (var result in node.Outputs)
        {
            WriteString(output, NodeOutput, result);
        }
        WriteString(output, NodeName, node.Name);
        WriteString(output, NodeOpType, node.OperatorType);
        foreach (var attribute in node.Attributes)
        {
            WriteMessage(output, NodeAttribute, attributeOutput => WriteAttribute(attributeOutput, attribute));
        }
    }

    private static void WriteAttribute(CodedOutputStream output, OnnxAttribute attribute)
    {
        WriteString(output, AttributeName, attribute.Name);
        switch (attribute.Kind)
        {
            case OnnxAttributeKind.Float:
                output.WriteTag(AttributeFloat, WireFormat.WireType.Fixed32);
                output.WriteFloat(attribute.FloatValue);
                break;
            case OnnxAttributeKind.Int:
                WriteInt64(output, AttributeInt, attribute.IntValue);
                break;
            case OnnxAttributeKind.String:
                WriteString(output, AttributeString, attribute.StringValue!);
                break;
            case OnnxAttributeKind.Tensor:
                WriteMessage(output, AttributeTensor, tensorOutput => WriteTensor(tensorOutput, attribute.TensorValue!));
                break;
            case OnnxAttributeKind.Floats:
                foreach (var value in attribute.FloatValues)
                {
                    output.WriteTag(AttributeFloats, WireFormat.WireType.Fixed32);
                    output.WriteFloat(value);
                }
                break;
            case OnnxAttributeKind.Ints:
                foreach (var value in attribute.IntValues)
                {
                    WriteInt64(output, AttributeInts, value);
                }
                break;
            default:
                throw new InvalidOperationException($"Attribute kind {attribute.Kind} is not written.");
        }
        WriteInt64(output, AttributeType, (long)attribute.Kind);
    }

    private static void WriteTensor(CodedOutputStream output, OnnxTensor tensor)
    {
        foreach (var dimension in tensor.Dimensions)
        {
            WriteInt64(output, TensorDims, dimension);
        }
        WriteInt64(output, TensorDataType, (long)tensor.ElementType);
        WriteString(output, TensorName, tensor.Name);
        output.WriteTag(TensorRawData, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(tensor.RawBytes()));
    }

    private static void WriteValueInfo(CodedOutputStream output, OnnxValueInfo value)
    {
        WriteString(output, ValueInfoName, value.Name);
        WriteMessage(output, ValueInfoType, type =>
            WriteMessage(type, TypeTensorType, tensorType =>
            {
                WriteInt64(tensorType, TensorTypeElemType, (long)value.ElementType);
                if (value.Dimensions is { } dimensions)
                {
                    WriteMessage(tensorType, TensorTypeShape, shape =>
                    {
                        foreach (var dimension in dimensions)
                        {
                            WriteMessage(shape, ShapeDim, dim =>
                            {
                                if (dimension.Symbol is { } symbol)
                                {
                                    WriteString(dim, DimensionParam, symbol);
                                }
                                else
                                {
                                    WriteInt64(dim, DimensionValue, dimension.Size!.Value);
                                }
                            });
                        }
                    });
                }
            }));
    }

    private static void WriteInt64(CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }

    private static void WriteString(CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    private static void WriteMessage(CodedOutputStream output, int field, Action<CodedOutputStream> writeBody)
    {
        var body = Serialize(writeBody);
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(UnsafeByteOperations.UnsafeWrap(body));
    }

    private static byte[] Serialize(Action<CodedOutputStream> writeBody)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            writeBody(output);
        }
        return buffer.ToArray();
    }
}
