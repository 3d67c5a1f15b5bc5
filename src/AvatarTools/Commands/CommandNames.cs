namespace AvatarTools.Commands { internal static class CommandNames { } }
