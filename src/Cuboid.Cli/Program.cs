using Cuboid.Cli.Commands;

return CuboidCommand.Create().Parse(args).Invoke();
