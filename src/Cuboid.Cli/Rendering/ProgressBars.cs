using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Cuboid.Cli.Rendering;

/// <summary>
/// Progress bars fed by the engine's <see cref="IProgress{T}"/> callbacks: Spectre.Console bars on an
/// interactive terminal; otherwise (CI, redirected output) one line per bar when it completes, since
/// Spectre's fallback only prints at milestones a fast step can skip.
/// </summary>
internal static class ProgressBars
{
    /// <summary>Runs <paramref name="work"/>, which adds its bars to the given context.</summary>
    public static T Run<T>(IAnsiConsole console, Func<BarContext, T> work)
    {
        if (!console.Profile.Capabilities.Interactive) return work(new BarContext(console, null));
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx => work(new BarContext(console, ctx)));
    }

    /// <summary>Runs <paramref name="work"/> with one bar going to <paramref name="total"/>.</summary>
    public static T Run<T>(IAnsiConsole console, string description, long total, Func<IProgress<long>, T> work) =>
        Run(console, bars =>
        {
            var bar = bars.Add(description, total);
            var result = work(bar);
            bar.Complete();
            return result;
        });
}

/// <summary>Where bars are added: a Spectre progress context, or plain lines when it is null.</summary>
internal sealed class BarContext(IAnsiConsole console, ProgressContext? context)
{
    private readonly IAnsiConsole _console = console;
    private readonly ProgressContext? _context = context;

    /// <summary>A bar going to <paramref name="total"/> rows (1: a step without a count); <paramref name="start"/> false leaves it waiting until <see cref="Bar.Start"/>.</summary>
    public Bar Add(string description, long total, bool start = true)
    {
        var task = _context?.AddTask(description, autoStart: start, maxValue: Math.Max(1, total));
        var bar = new Bar(_console, task, description, total);
        if (start) bar.Start();
        return bar;
    }
}

/// <summary>One bar; <see cref="Report"/> is safe from any thread and takes effect at once.</summary>
internal sealed class Bar(IAnsiConsole console, ProgressTask? task, string description, long total) : IProgress<long>
{
    private readonly IAnsiConsole _console = console;
    private readonly ProgressTask? _task = task;
    private readonly string _description = description;
    private readonly long _total = total;
    private readonly Stopwatch _watch = new();
    private long _value;
    private int _completed;

    public event Action<long>? Reported;

    public bool IsStarted => _watch.IsRunning || _completed != 0;

    public void Start()
    {
        lock (_watch)
        {
            if (IsStarted) return;
            _watch.Start();
            _task?.StartTask();
        }
    }

    public void Report(long value)
    {
        Interlocked.Exchange(ref _value, value);
        if (_task is not null) _task.Value = Math.Min(value, _task.MaxValue);
        Reported?.Invoke(value);
    }

    public void Complete()
    {
        Start();
        if (Interlocked.Exchange(ref _completed, 1) != 0) return;
        _watch.Stop();
        if (_task is not null)
        {
            _task.Value = _task.MaxValue;
            _task.StopTask();
            return;
        }
        var seconds = _watch.Elapsed.TotalSeconds;
        var count = Math.Max(Interlocked.Read(ref _value), _total);
        if (_total > 1) _console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"  {_description}: {count:N0} rows in {seconds:0.00} s");
        else _console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"  {_description}: {seconds:0.00} s");
    }
}
