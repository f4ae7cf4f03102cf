using Conversations.Server.Hosting;

var builder = ConversationsServer.CreateBuilder(args);
builder.AddConversationsServer();

var app = builder.Build();
app.MapConversationsServer();

app.Run();
