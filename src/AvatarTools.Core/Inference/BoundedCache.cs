using System.Collections.Concurrent;

namespace AvatarTools.Core.Inference;

/// <summary>
/// A thread-safe memo of at most about <c>capacity</c> entries; each value is computed once even when
/// several threads ask at the same time. When full, the oldest entries are dropped first (frames arrive
/// clip by clip, so what is dropped is rarely needed again).
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<TValue>> _entries = new();
    private readonly ConcurrentQueue<TKey> _order = new();

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            var created = new Lazy<TValue>(() => create(key), LazyThreadSafetyMode.ExecutionAndPublication);
            if (_entries.TryAdd(key, created))
            {
                entry = created;
                _order.Enqueue(key);
                while (_entries.Count > capacity && _order.TryDequeue(out var oldest))
                {
                    _entries.TryRemove(oldest, out _);
                }
            }
            else
            {
                entry = _entries.TryGetValue(key, out var other) ? other : created;
            }
        }
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
