import json,sys,collections
d=json.load(open(sys.argv[1]))
nodes={n['id']:n for n in d['nodes']}
parent={}
for n in d['nodes']:
    for c in n.get('children',[]): parent[c]=n['id']
self_t=collections.Counter(); incl=collections.Counter()
for s,t in zip(d['samples'],d['timeDeltas']):
    cf=nodes[s]['callFrame']; self_t[(cf['functionName'] or '(anon)', cf['url'].split('/')[-1], cf['lineNumber'])]+=t
    seen=set(); x=s
    while x in nodes:
        cf=nodes[x]['callFrame']; k=(cf['functionName'] or '(anon)', cf['url'].split('/')[-1], cf['lineNumber'])
        if k not in seen: incl[k]+=t; seen.add(k)
        x=parent.get(x)
        if x is None: break
print("SELF"); [print(f"{v/1000:8.1f} {k}") for k,v in self_t.most_common(20)]
print("INCL (ours)"); [print(f"{v/1000:8.1f} {k}") for k,v in incl.most_common(200) if k[1].endswith('.ts')][:0]
for k,v in incl.most_common(400):
    if k[1].endswith('.ts') and 'emulator' not in k[1]: print(f"{v/1000:8.1f} {k}")
