using System.Text.Json;
using Avz.Exchange.Api.Cases;
using Avz.Exchange.Cases;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Avz.Exchange.Api.Tests.Cases;

/// <summary>
/// The information response is written by hand for speed; partners and generated clients read it as the serializer's
/// JSON. These hold the two to the same bytes, with the gateway's own JSON options, and the API document to the same
/// response schema.
/// </summary>
public sealed class InformationResultTests : GatewayTest
{
    // Text that needs escaping (quotes, backslash, HTML, control characters, non-ASCII, surrogate pairs, a lone
    // surrogate) as well as plain.
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String[Gen.Char["az-09 "], 0, 12],
        Gen.String[Gen.Char.Where(c => !char.IsSurrogate(c)), 0, 12],
        Gen.Const("Zwartveld"), Gen.Const("<script>&'\"\\"), Gen.Const("ĳzer ë ß 漢字"), Gen.Const("\u0000\u001f\u007f"), Gen.Const("😀 \ud83d\ude00"), Gen.Const("\u2028\u2029"), Gen.Const("lone \ud800"));

    private static readonly Gen<object> Value = Gen.Frequency(
        (6, Text.Select(t => (object)t)),
        (3, Gen.Bool.Select(b => (object)b)),
        (1, Gen.Int.Select(i => (object)i)),
        (1, Gen.Const((object)null!)));

    private static readonly Gen<DateTimeOffset> Moment =
        Gen.Select(Gen.Long[DateTimeOffset.UnixEpoch.Ticks, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero).Ticks], Gen.Int[-14 * 4, 14 * 4])
            .Select((ticks, quarters) => new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(15 * quarters)));

    private static readonly Gen<ItemView> Item =
        Gen.Select(Gen.Guid, Text, Text, Moment, Gen.Dictionary(Text, Value)[0, 6], Text.List[0, 3])
            .Select((id, category, supplier, at, fields, bases) => new ItemView(id, category, supplier, at, fields, bases));

    private static readonly Gen<WithheldView> Withheld =
        Gen.Select(Gen.Guid, Text, Text, Text, Text).Select((item, category, supplier, field, reason) => new WithheldView(item, category, supplier, field, reason));

    private static readonly Gen<InformationView> View =
        Gen.Select(Gen.Guid, Text, Gen.Bool, Text, Item.List[0, 5], Withheld.List[0, 5])
            .Select((id, purpose, emergency, version, items, withheld) => new InformationView(id, purpose, emergency, version, items, withheld));

    private JsonSerializerOptions GatewayJson => Factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    [Fact]
    public void Write_GivesTheSerializersBytes_ForGeneratedViews()
    {
        var options = GatewayJson;
        View.Sample(view => Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(view, options), Written(view, options)), iter: 2000, threads: 1);
    }

    [Fact]
    public void Write_FollowsTheOptionsLayout_WhenIndented()
    {
        var options = new JsonSerializerOptions(GatewayJson) { WriteIndented = true, IndentCharacter = '\t', IndentSize = 1, NewLine = "\n" };
        View.Sample(view => Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(view, options), Written(view, options)), iter: 200, threads: 1);
    }

    [Fact]
    public async Task Execute_WritesA200WithTheSerializersBody()
    {
        var view = Gen.Select(View, Item, Withheld).Select((v, i, w) => v with { Items = [i, .. v.Items], Withheld = [w, .. v.Withheld] }).Single();
        var context = new DefaultHttpContext { RequestServices = Factory.Services };
        using var body = new MemoryStream();
        context.Response.Body = body;

        await new InformationResult(view).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(view, GatewayJson), body.ToArray());
    }

    [Fact]
    public async Task Execute_WhenTheCallerHasGone_EndsQuietly()
    {
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();
        var context = new DefaultHttpContext { RequestServices = Factory.Services, RequestAborted = gone.Token };
        context.Response.Body = new MemoryStream();

        await new InformationResult(View.Single()).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    [Theory]
    [InlineData("/v1/cases/{id}/information", "get")]
    [InlineData("/v1/cases/{id}/information/emergency", "post")]
    public async Task ApiDocument_DescribesTheAnswerAsAnInformationView(string path, string method)
    {
        var document = JsonDocument.Parse(await Client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).RootElement;
        var ok = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty("200");
        var reference = ok.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
        Assert.Equal("#/components/schemas/InformationView", reference);

        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty("InformationView");
        Assert.Equal(["case", "purpose", "emergency", "policyVersion", "items", "withheld"], schema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    private static byte[] Written(InformationView view, JsonSerializerOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, InformationResult.WriterOptions(options)))
        {
            InformationResult.Write(writer, view, options);
        }

        return buffer.ToArray();
    }
}
