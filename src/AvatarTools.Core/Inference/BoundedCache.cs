using System.Collections.Concurrent;

namespace AvatarTools.Core.Inference;

/// <summary>
/// A thread-safe memo of at most about <c>capacity</c> entries; each value is computed once even when
/// several threads ask at the same time. When full, it starts over (frames arrive clip by clip, so what
/// is dropped is rarely needed again).
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<TValue>> _entries = new();

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }
        var entry = _entries.GetOrAdd(key, k => new Lazy<TValue>(() => create(k), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return entry.Value;
        }
        catch
        {
            // Do not keep a failure: the next frame may ask again after the cause is fixed, and must get the error again.
            _entries.TryRemove(new KeyValuePair<TKey, Lazy<TValue>>(key, entry));
            throw;
        }
    }
}
