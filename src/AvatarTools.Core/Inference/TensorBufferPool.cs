using System.Collections.Concurrent;

namespace AvatarTools.Core.Inference;

/// <summary>
/// Reuses the large input arrays of batches (megabytes each, so otherwise a steady stream of
/// large-object-heap allocations and full collections). Arrays have exactly the requested length,
/// as ONNX Runtime takes the whole array as the tensor.
/// </summary>
internal sealed class TensorBufferPool(int capacityPerLength)
{
    private readonly ConcurrentDictionary<int, ConcurrentBag<float[]>> _free = new();

    public float[] Rent(int length) =>
        _free.TryGetValue(length, out var bag) && bag.TryTake(out var array) ? array : new float[length];

    public void Return(float[]? array)
    {
        if (array is null)
        {
            return;
        }
        var bag = _free.GetOrAdd(array.Length, _ => new ConcurrentBag<float[]>());
        if (bag.Count < capacityPerLength)
        {
            bag.Add(array);
        }
    }
}
